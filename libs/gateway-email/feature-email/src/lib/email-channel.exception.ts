/** Errors of the e-mail webhook; EmailExceptionFilter maps each code to an HTTP status. */
export enum EmailErrorCode {
  ChannelOff = 'channel_off',
  Unauthorized = 'unauthorized',
  UnsupportedMediaType = 'unsupported_media_type',
  InvalidMessage = 'invalid_message',
  MessageTooLarge = 'message_too_large',
}

export class EmailException extends Error {
  override readonly name = 'EmailException';
  constructor(
    readonly code: EmailErrorCode,
    message: string,
  ) {
    super(message);
  }
}
