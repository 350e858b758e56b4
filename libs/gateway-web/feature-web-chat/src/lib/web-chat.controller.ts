import { Body, Controller, Get, HttpCode, Inject, Param, Post, Query, Req, Res, UseFilters } from '@nestjs/common';
import type { Request, Response } from 'express';
import { z } from 'zod';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { flagMessageBodySchema, isUuid, sendMessageBodySchema, startConversationBodySchema } from '@pegamento/contracts';
import { MessageEntity, toConversationView, toCustomerMessageView } from '@pegamento/data-access-conversations';
import { RateLimit, httpError, parseRequest } from '@pegamento/util-http';
import { ConversationAccess } from './conversation-access';
import { StartConversationUseCase } from './start-conversation/start-conversation.use-case';
import { SendCustomerMessageUseCase } from './send-customer-message/send-customer-message.use-case';
import { RequestHandoffUseCase } from './request-handoff/request-handoff.use-case';
import { FlagAnswerUseCase } from './flag-answer/flag-answer.use-case';
import { WebChatEvents } from './web-chat.events';
import { WebChatExceptionFilter } from './web-chat.exception.filter';
import { WEB_CHAT_CONFIG, type WebChatConfig } from './web-chat.config';

const startSchema = startConversationBodySchema;
const messageSchema = sendMessageBodySchema;
const flagSchema = flagMessageBodySchema;
const afterSchema = z.object({ after: z.string().max(64).optional() });

function bearer(request: Request): string {
  const match = /^Bearer\s+(\S+)$/i.exec(request.headers.authorization ?? '');
  if (!match) throw httpError(401, 'unauthorized', 'Send the conversation token as "Authorization: Bearer <token>".');
  return match[1]!;
}

function hasBody(request: Request): boolean {
  return Number(request.headers['content-length'] ?? 0) > 0 || request.headers['transfer-encoding'] !== undefined;
}

function requireJson(request: Request): void {
  if (hasBody(request) && !request.is('application/json')) {
    throw httpError(415, 'unsupported_media_type', 'Send the body as JSON with Content-Type: application/json.');
  }
}

/** The customer's web chat routes of contract.md; the conversation token is the credential. */
@Controller('api/v1/web/conversations')
@UseFilters(WebChatExceptionFilter)
export class WebChatController {
  private readonly perIp: RateLimit;
  private readonly perConversation: RateLimit;
  private readonly startsPerIp: RateLimit;

  constructor(
    private readonly start: StartConversationUseCase,
    private readonly send: SendCustomerMessageUseCase,
    private readonly handoff: RequestHandoffUseCase,
    private readonly flag: FlagAnswerUseCase,
    private readonly access: ConversationAccess,
    private readonly events: WebChatEvents,
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(WEB_CHAT_CONFIG) config: WebChatConfig,
  ) {
    // Counted in the database: one limit across every replica of gateway-web.
    this.perIp = new RateLimit('web-ip', config.WEB_RATE_LIMIT_IP_PER_MINUTE, 60, dataSource);
    this.perConversation = new RateLimit('web-conversation', config.WEB_RATE_LIMIT_CONVERSATION_PER_MINUTE, 60, dataSource);
    this.startsPerIp = new RateLimit('web-start-ip', config.WEB_CONVERSATIONS_PER_IP_PER_HOUR, 3_600, dataSource);
  }

  @Post()
  @HttpCode(201)
  async create(@Req() request: Request, @Res({ passthrough: true }) response: Response, @Body() body: unknown) {
    await this.startsPerIp.consume(request.ip ?? 'unknown', response);
    requireJson(request);
    // An empty POST is fine: every field is optional.
    const input = parseRequest(startSchema, hasBody(request) ? body : {});
    return this.start.execute(input);
  }

  @Post(':id/messages')
  @HttpCode(202)
  async sendMessage(@Param('id') id: string, @Req() request: Request, @Res({ passthrough: true }) response: Response, @Body() body: unknown) {
    const token = bearer(request);
    await this.perIp.consume(request.ip ?? 'unknown', response);
    requireJson(request);
    const input = parseRequest(messageSchema, body);
    await this.perConversation.consume(id, response);
    const { message, created } = await this.send.execute({ conversationId: id, token, text: input.text, clientMessageId: input.clientMessageId });
    if (created) this.events.message(id, message);
    return { message };
  }

  @Get(':id')
  async get(@Param('id') id: string, @Req() request: Request) {
    return { conversation: toConversationView(await this.access.open(id, bearer(request))) };
  }

  @Get(':id/messages')
  async messages(@Param('id') id: string, @Req() request: Request, @Query() query: unknown) {
    const conversation = await this.access.open(id, bearer(request));
    const { after } = parseRequest(afterSchema, query, 'query');
    const repository = this.dataSource.getRepository(MessageEntity);
    // Only what the policy released to the customer, in the order it was released (R06: who writes now comes first).
    const qb = repository.createQueryBuilder('m').where('m.conversation_id = :id AND m.released_at IS NOT NULL', { id: conversation.id });
    if (after) {
      const anchor = isUuid(after) ? await repository.findOneBy({ id: after, conversationId: conversation.id }) : null;
      if (!anchor?.releasedAt) throw httpError(400, 'unknown_message', 'The "after" message is not in this conversation.');
      // Compared in the database: a JavaScript Date would cut the anchor's microseconds and return the anchor itself.
      qb.andWhere('(m.released_at, m.id) > (SELECT a.released_at, a.id FROM messages a WHERE a.id = :anchorId)', { anchorId: anchor.id });
    }
    const rows = await qb.orderBy('m.released_at', 'ASC').addOrderBy('m.id', 'ASC').limit(1_000).getMany();
    return { messages: rows.map(toCustomerMessageView) };
  }

  @Post(':id/handoff')
  @HttpCode(202)
  async requestHandoff(@Param('id') id: string, @Req() request: Request, @Res({ passthrough: true }) response: Response) {
    const token = bearer(request);
    await this.perConversation.consume(id, response);
    return { conversation: await this.handoff.execute(id, token) };
  }

  @Post(':id/messages/:messageId/flag')
  @HttpCode(202)
  async flagAnswer(
    @Param('id') id: string,
    @Param('messageId') messageId: string,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
    @Body() body: unknown,
  ) {
    const token = bearer(request);
    await this.perConversation.consume(id, response);
    requireJson(request);
    const input = parseRequest(flagSchema, hasBody(request) ? body : {});
    return { message: await this.flag.execute(id, token, messageId, input.reason) };
  }
}
