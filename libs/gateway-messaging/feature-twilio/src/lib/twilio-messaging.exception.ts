/** Errors of the Twilio webhooks; TwilioExceptionFilter maps each code to an HTTP status. */
export enum TwilioErrorCode {
  ChannelOff = 'channel_off',
  MissingSignature = 'missing_signature',
  InvalidSignature = 'invalid_signature',
  WrongAccount = 'wrong_account',
  UnsupportedMediaType = 'unsupported_media_type',
  InvalidRequest = 'invalid_request',
  MessageTooLong = 'message_too_long',
}

export class TwilioException extends Error {
  override readonly name = 'TwilioException';
  constructor(
    readonly code: TwilioErrorCode,
    message: string,
  ) {
    super(message);
  }
}
