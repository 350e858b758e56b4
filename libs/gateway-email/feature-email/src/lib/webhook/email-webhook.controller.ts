import { Controller, HttpCode, Inject, Post, Req, Res, UseFilters } from '@nestjs/common';
import type { Request, Response } from 'express';
import { bearerToken, tokenMatches } from '@pegamento/gateway-email-domain';
import { EMAIL_SETTINGS, type EmailSettings } from '../email-channel.config';
import { EmailErrorCode, EmailException } from '../email-channel.exception';
import { EmailExceptionFilter } from '../email-channel.exception.filter';
import { ReceiveMailUseCase } from '../receive-mail/receive-mail.use-case';

/**
 * POST /webhooks/email/inbound (contract.md): one raw mail (`message/rfc822`) posted by a
 * mail provider, authenticated by `Authorization: Bearer $EMAIL_WEBHOOK_TOKEN` (compared
 * in constant time). Stored with its event in one transaction, answered 202; the reply
 * follows through the bus and the send queue. A missing or wrong token gets 401 and
 * changes nothing; with e-mail or the token unset it answers 503.
 */
@Controller('webhooks/email')
@UseFilters(EmailExceptionFilter)
export class EmailWebhookController {
  constructor(
    @Inject(EMAIL_SETTINGS) private readonly settings: EmailSettings,
    private readonly receive: ReceiveMailUseCase,
  ) {}

  @Post('inbound')
  @HttpCode(202)
  async inbound(@Req() request: Request, @Res() response: Response): Promise<void> {
    if (!this.settings.webhookToken) throw new EmailException(EmailErrorCode.ChannelOff, 'The e-mail webhook is off: set SUPPORT_EMAIL and EMAIL_WEBHOOK_TOKEN.');
    if (!tokenMatches(bearerToken(request.header('authorization')), this.settings.webhookToken)) {
      throw new EmailException(EmailErrorCode.Unauthorized, 'A valid Authorization: Bearer token is required.');
    }
    if (!request.is('message/rfc822')) throw new EmailException(EmailErrorCode.UnsupportedMediaType, 'Post the raw mail as message/rfc822.');
    const body = request.body as unknown;
    if (!Buffer.isBuffer(body)) throw new EmailException(EmailErrorCode.InvalidMessage, 'The body is empty.');
    const result = await this.receive.execute(body, { via: 'webhook' });
    response.status(202).json(
      result.outcome === 'dropped'
        ? { status: 'dropped', reason: result.reason }
        : { status: result.outcome, messageId: result.messageId, conversationId: result.conversationId },
    );
  }
}
