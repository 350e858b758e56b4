/** Errors of the web chat's use cases; the controller maps each code to an HTTP status. */
export enum WebChatErrorCode {
  ConversationNotFound = 'conversation_not_found',
  WrongToken = 'wrong_token',
  MessageNotFound = 'message_not_found',
  NotAnAiAnswer = 'not_an_ai_answer',
  MessageTooLong = 'message_too_long',
  EmptyMessage = 'empty_message',
}

export class WebChatException extends Error {
  override readonly name = 'WebChatException';
  constructor(
    readonly code: WebChatErrorCode,
    message: string,
  ) {
    super(message);
  }
}
