/**
 * Delivery of an outbound SMS/WhatsApp message: Twilio's statuses folded into the
 * contract's (`delivery.status`), an order in which they may only move forward, and
 * one status for a message sent in several parts.
 */
export type DeliveryStatus = 'queued' | 'sent' | 'delivered' | 'read' | 'failed' | 'undelivered';
/** `pending`: still in our own send queue. */
export type MessageDeliveryStatus = 'pending' | DeliveryStatus;

const TWILIO_STATUS: Readonly<Record<string, DeliveryStatus>> = {
  accepted: 'queued',
  scheduled: 'queued',
  queued: 'queued',
  sending: 'queued',
  sent: 'sent',
  delivered: 'delivered',
  partially_delivered: 'delivered',
  read: 'read',
  failed: 'failed',
  canceled: 'failed',
  undelivered: 'undelivered',
};

/** Twilio's MessageStatus as the contract's status; null for an inbound or unknown one. */
export function fromTwilioStatus(status: string | undefined | null): DeliveryStatus | null {
  if (!status) return null;
  return TWILIO_STATUS[status.toLowerCase()] ?? null;
}

const RANK: Readonly<Record<MessageDeliveryStatus, number>> = { pending: 0, queued: 1, sent: 2, delivered: 3, read: 4, undelivered: 5, failed: 6 };

export function isFailure(status: MessageDeliveryStatus | null): boolean {
  return status === 'failed' || status === 'undelivered';
}

/**
 * Status callbacks arrive out of order and more than once: a status only moves
 * forward (queued → sent → delivered → read), and a failure is final.
 */
export function mergeDeliveryStatus(current: MessageDeliveryStatus | null, incoming: MessageDeliveryStatus): MessageDeliveryStatus {
  if (!current) return incoming;
  if (isFailure(current)) return current;
  return RANK[incoming] > RANK[current] ? incoming : current;
}

/** One status for a message of several parts: a failed part fails it; otherwise the least advanced part. */
export function aggregateDeliveryStatus(parts: readonly MessageDeliveryStatus[]): MessageDeliveryStatus | null {
  if (parts.length === 0) return null;
  if (parts.includes('failed')) return 'failed';
  if (parts.includes('undelivered')) return 'undelivered';
  return parts.reduce((least, s) => (RANK[s] < RANK[least] ? s : least));
}

/** What Twilio's common error codes mean, in words an agent can act on. */
const TWILIO_ERRORS: Readonly<Record<string, string>> = {
  '20003': 'Twilio refused the credentials (check TWILIO_ACCOUNT_SID and TWILIO_AUTH_TOKEN).',
  '20429': 'Twilio was too busy (too many requests).',
  '21211': 'The number is not a valid phone number.',
  '21408': 'Sending to this country is not enabled on the Twilio account.',
  '21606': 'The sender number cannot send to this number.',
  '21610': 'The customer unsubscribed from SMS (STOP); nothing can be sent until they send START.',
  '21614': 'The number cannot receive SMS (not a mobile number).',
  '30003': 'The phone is unreachable (switched off or out of range).',
  '30004': 'The message was blocked by the recipient or their carrier.',
  '30005': 'The number is unknown or no longer in use.',
  '30006': 'The number is a landline or the carrier cannot deliver SMS to it.',
  '30007': 'The carrier filtered the message (suspected spam).',
  '30008': 'The carrier could not deliver the message (unknown error).',
  '63003': 'The number is not on WhatsApp.',
  '63016': "Outside WhatsApp's 24-hour window: only an approved template can be sent.",
  '63018': 'WhatsApp rate limit reached for this sender.',
  '63024': 'The recipient cannot receive this WhatsApp message.',
};

export function twilioErrorMessage(code: string | number | null | undefined, fallback?: string): string {
  if (code === null || code === undefined || code === '') return fallback ?? 'Twilio could not deliver the message.';
  return TWILIO_ERRORS[String(code)] ?? fallback ?? `Twilio error ${code}.`;
}

/**
 * How to go on after a failed call to Twilio's API: a 429 or 5xx answer, or no answer
 * at all, may succeed later; any other 4xx (21610 unsubscribed, 63016 outside the
 * window, 21211 bad number) never will.
 */
export function isRetryableSendFailure(failure: { httpStatus: number | null }): boolean {
  if (failure.httpStatus === null) return true;
  return failure.httpStatus === 429 || failure.httpStatus >= 500;
}

// Shared with the Slack app's and crm-sync's queues (util-http).
export { nextRetryDelayMs, parseRetryAfter, type RetryPolicy } from '@pegamento/util-http';
