/** Errors of the handoff feature's use cases; HandoffExceptionFilter maps each code to an HTTP status. */
export enum HandoffErrorCode {
  InvalidCredentials = 'invalid_credentials',
  AccountLocked = 'account_locked',
  RateLimited = 'rate_limited',
  AccountInactive = 'account_inactive',
  NotFound = 'not_found',
  Conflict = 'conflict',
}

export class HandoffException extends Error {
  override readonly name = 'HandoffException';
  constructor(
    readonly code: HandoffErrorCode,
    message: string,
    /** For 429s: seconds until the caller may try again (the Retry-After header). */
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
  }
}

export function conversationNotFound(): HandoffException {
  return new HandoffException(HandoffErrorCode.NotFound, 'No such conversation.');
}
