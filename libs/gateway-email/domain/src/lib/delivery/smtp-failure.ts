/**
 * Whether a failed SMTP send may succeed later (RFC 5321 §4.2.1: 4yz replies are
 * transient, 5yz permanent). No reply at all (refused connection, time-out, TLS or DNS
 * trouble) is treated as transient: the relay may be back soon.
 */
export interface SmtpFailure {
  /** The server's reply code (421, 450, 550, …), when it gave one. */
  responseCode: number | null;
  /** nodemailer's error code (ECONNECTION, ETIMEDOUT, EAUTH, EENVELOPE, …). */
  code: string | null;
}

export function isTemporarySmtpFailure(failure: SmtpFailure): boolean {
  if (failure.responseCode !== null) return failure.responseCode >= 400 && failure.responseCode < 500;
  // Wrong credentials or a refused envelope stay wrong until someone changes them.
  return failure.code !== 'EAUTH' && failure.code !== 'EENVELOPE' && failure.code !== 'EMESSAGE';
}

/** A short code to store with the message: `smtp_550`, or nodemailer's code. */
export function smtpFailureCode(failure: SmtpFailure): string {
  if (failure.responseCode !== null) return `smtp_${failure.responseCode}`;
  return (failure.code ?? 'network_error').toLowerCase();
}
