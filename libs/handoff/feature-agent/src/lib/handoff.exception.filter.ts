import { Catch, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import type { Response } from 'express';
import { ConversationStateError } from '@pegamento/data-access-conversations';
import { HandoffErrorCode, HandoffException } from './handoff.exception';

const STATUS: Record<HandoffErrorCode, number> = {
  [HandoffErrorCode.InvalidCredentials]: 401,
  [HandoffErrorCode.AccountInactive]: 401,
  [HandoffErrorCode.SessionExpired]: 401,
  [HandoffErrorCode.AccountLocked]: 429,
  [HandoffErrorCode.RateLimited]: 429,
  [HandoffErrorCode.NotFound]: 404,
  [HandoffErrorCode.Conflict]: 409,
  [HandoffErrorCode.WhatsappWindowClosed]: 409,
  [HandoffErrorCode.OptedOut]: 409,
  [HandoffErrorCode.UnknownTemplate]: 422,
  [HandoffErrorCode.InvalidTemplateVariables]: 422,
  [HandoffErrorCode.NotWhatsapp]: 422,
};

/**
 * Maps the handoff feature's domain errors (and the conversation state machine's)
 * to HTTP statuses in the contract's error shape; a 429 carries Retry-After.
 */
@Catch(HandoffException, ConversationStateError)
export class HandoffExceptionFilter implements ExceptionFilter {
  catch(exception: HandoffException | ConversationStateError, host: ArgumentsHost): void {
    const response = host.switchToHttp().getResponse<Response>();
    if (exception instanceof ConversationStateError) {
      const status = exception.code === 'not_found' ? 404 : 409;
      const message = exception.code === 'not_found' ? 'No such conversation.' : `${exception.message}.`;
      response.status(status).json({ error: { code: exception.code, message } });
      return;
    }
    if (exception.retryAfterSeconds !== undefined) response.setHeader('Retry-After', String(exception.retryAfterSeconds));
    response.status(STATUS[exception.code]).json({ error: { code: exception.code, message: exception.message } });
  }
}
