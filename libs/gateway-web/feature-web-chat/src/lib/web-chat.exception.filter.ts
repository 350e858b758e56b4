import { Catch, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import type { Response } from 'express';
import { WebChatErrorCode, WebChatException } from './web-chat.exception';

const STATUS: Record<WebChatErrorCode, number> = {
  [WebChatErrorCode.ConversationNotFound]: 404,
  [WebChatErrorCode.WrongToken]: 403,
  [WebChatErrorCode.MessageNotFound]: 404,
  [WebChatErrorCode.NotAnAiAnswer]: 422,
  [WebChatErrorCode.MessageTooLong]: 413,
  [WebChatErrorCode.EmptyMessage]: 422,
};

/** Maps the web chat's domain errors to HTTP statuses in the contract's error shape. */
@Catch(WebChatException)
export class WebChatExceptionFilter implements ExceptionFilter {
  catch(exception: WebChatException, host: ArgumentsHost): void {
    host.switchToHttp().getResponse<Response>().status(STATUS[exception.code]).json({ error: { code: exception.code, message: exception.message } });
  }
}
