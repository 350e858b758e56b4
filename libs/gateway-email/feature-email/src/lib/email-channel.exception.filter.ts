import { Catch, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import type { Response } from 'express';
import { EmailErrorCode, EmailException } from './email-channel.exception';

const STATUS: Record<EmailErrorCode, number> = {
  [EmailErrorCode.ChannelOff]: 503,
  [EmailErrorCode.Unauthorized]: 401,
  [EmailErrorCode.UnsupportedMediaType]: 415,
  [EmailErrorCode.InvalidMessage]: 400,
  [EmailErrorCode.MessageTooLarge]: 413,
};

/** Maps the webhook's errors to HTTP statuses in the contract's error shape. */
@Catch(EmailException)
export class EmailExceptionFilter implements ExceptionFilter {
  catch(exception: EmailException, host: ArgumentsHost): void {
    const response = host.switchToHttp().getResponse<Response>();
    if (exception.code === EmailErrorCode.Unauthorized) response.setHeader('WWW-Authenticate', 'Bearer realm="email-webhook"');
    response.status(STATUS[exception.code]).json({ error: { code: exception.code, message: exception.message } });
  }
}
