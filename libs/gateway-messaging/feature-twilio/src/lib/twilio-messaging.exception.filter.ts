import { Catch, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import type { Response } from 'express';
import { TwilioErrorCode, TwilioException } from './twilio-messaging.exception';

const STATUS: Record<TwilioErrorCode, number> = {
  [TwilioErrorCode.ChannelOff]: 503,
  [TwilioErrorCode.MissingSignature]: 403,
  [TwilioErrorCode.InvalidSignature]: 403,
  [TwilioErrorCode.WrongAccount]: 403,
  [TwilioErrorCode.UnsupportedMediaType]: 415,
  [TwilioErrorCode.InvalidRequest]: 400,
  [TwilioErrorCode.MessageTooLong]: 413,
};

/** Maps the webhooks' errors to HTTP statuses in the contract's error shape. */
@Catch(TwilioException)
export class TwilioExceptionFilter implements ExceptionFilter {
  catch(exception: TwilioException, host: ArgumentsHost): void {
    host.switchToHttp().getResponse<Response>().status(STATUS[exception.code]).json({ error: { code: exception.code, message: exception.message } });
  }
}
