/** Errors of the handoff feature's use cases; HandoffExceptionFilter maps each code to an HTTP status. */
export enum HandoffErrorCode {
  InvalidCredentials = 'invalid_credentials',
  AccountLocked = 'account_locked',
  RateLimited = 'rate_limited',
  AccountInactive = 'account_inactive',
  /** The session is older than JWT_MAX_SESSION_SECONDS: log in again. */
  SessionExpired = 'session_expired',
  NotFound = 'not_found',
  Conflict = 'conflict',
  /** WhatsApp free text more than WHATSAPP_WINDOW_HOURS after the customer's last message. */
  WhatsappWindowClosed = 'whatsapp_window_closed',
  /** The SMS number sent STOP. */
  OptedOut = 'customer_opted_out',
  UnknownTemplate = 'unknown_template',
  InvalidTemplateVariables = 'invalid_template_variables',
  NotWhatsapp = 'not_whatsapp',
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
