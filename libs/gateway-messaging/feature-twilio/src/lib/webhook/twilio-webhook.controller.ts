import { Controller, HttpCode, Inject, Post, Req, Res, UseFilters } from '@nestjs/common';
import type { Request, Response } from 'express';
import twilio from 'twilio';
import { ReceiveMessageUseCase } from '../receive-message/receive-message.use-case';
import { RecordDeliveryStatusUseCase } from '../record-delivery-status/record-delivery-status.use-case';
import { TWILIO_SETTINGS, type TwilioSettings } from '../twilio-messaging.config';
import { TwilioExceptionFilter } from '../twilio-messaging.exception.filter';
import { verifyTwilioWebhook } from './twilio-request';

/** An empty TwiML answer: the reply goes out later through the REST API, after the policy. */
const EMPTY_TWIML = new twilio.twiml.MessagingResponse().toString();

/**
 * Twilio's webhooks (contract.md, "Channel webhooks"). Each answers within a second:
 * it checks the signature, stores what arrived with its event in one transaction,
 * and leaves all further work to the bus. A missing or wrong signature gets 403 and
 * changes nothing; with the channel off they answer 503.
 */
@Controller('webhooks/twilio')
@UseFilters(TwilioExceptionFilter)
export class TwilioWebhookController {
  constructor(
    @Inject(TWILIO_SETTINGS) private readonly settings: TwilioSettings,
    private readonly receive: ReceiveMessageUseCase,
    private readonly recordStatus: RecordDeliveryStatusUseCase,
  ) {}

  @Post('messaging')
  @HttpCode(200)
  async messaging(@Req() request: Request, @Res() response: Response): Promise<void> {
    const params = verifyTwilioWebhook(this.settings, this.incoming(request));
    await this.receive.execute(params);
    response.status(200).type('text/xml').send(EMPTY_TWIML);
  }

  @Post('status')
  @HttpCode(200)
  async status(@Req() request: Request, @Res() response: Response): Promise<void> {
    const params = verifyTwilioWebhook(this.settings, this.incoming(request));
    await this.recordStatus.execute(params, request.query['d']);
    response.status(200).type('text/xml').send(EMPTY_TWIML);
  }

  private incoming(request: Request) {
    return {
      signature: request.header('x-twilio-signature'),
      signatureSettings: request.header('x-twilio-webhooks-signature-settings'),
      originalUrl: request.originalUrl,
      body: request.body as unknown,
    };
  }
}
