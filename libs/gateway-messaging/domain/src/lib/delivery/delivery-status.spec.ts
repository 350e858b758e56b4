import {
  aggregateDeliveryStatus,
  fromTwilioStatus,
  isRetryableSendFailure,
  mergeDeliveryStatus,
  nextRetryDelayMs,
  parseRetryAfter,
  twilioErrorMessage,
} from './delivery-status';

describe('delivery status', () => {
  it("folds Twilio's statuses into the contract's", () => {
    expect(fromTwilioStatus('accepted')).toBe('queued');
    expect(fromTwilioStatus('sending')).toBe('queued');
    expect(fromTwilioStatus('SENT')).toBe('sent');
    expect(fromTwilioStatus('delivered')).toBe('delivered');
    expect(fromTwilioStatus('read')).toBe('read');
    expect(fromTwilioStatus('undelivered')).toBe('undelivered');
    expect(fromTwilioStatus('canceled')).toBe('failed');
    expect(fromTwilioStatus('received')).toBeNull();
    expect(fromTwilioStatus(undefined)).toBeNull();
  });

  it('only moves forward, and keeps a failure', () => {
    expect(mergeDeliveryStatus('delivered', 'sent')).toBe('delivered');
    expect(mergeDeliveryStatus('sent', 'delivered')).toBe('delivered');
    expect(mergeDeliveryStatus('delivered', 'read')).toBe('read');
    expect(mergeDeliveryStatus('sent', 'undelivered')).toBe('undelivered');
    expect(mergeDeliveryStatus('failed', 'delivered')).toBe('failed');
    expect(mergeDeliveryStatus(null, 'queued')).toBe('queued');
  });

  it('gives a message of several parts the status of its least advanced part, or failed', () => {
    expect(aggregateDeliveryStatus(['delivered', 'sent'])).toBe('sent');
    expect(aggregateDeliveryStatus(['delivered', 'delivered'])).toBe('delivered');
    expect(aggregateDeliveryStatus(['delivered', 'pending'])).toBe('pending');
    expect(aggregateDeliveryStatus(['delivered', 'undelivered'])).toBe('undelivered');
    expect(aggregateDeliveryStatus(['failed', 'undelivered', 'read'])).toBe('failed');
    expect(aggregateDeliveryStatus([])).toBeNull();
  });

  it('explains the permanent errors agents must see', () => {
    expect(twilioErrorMessage('21610')).toMatch(/unsubscribed/);
    expect(twilioErrorMessage(63016)).toMatch(/24-hour window/);
    expect(twilioErrorMessage('99999')).toBe('Twilio error 99999.');
    expect(twilioErrorMessage('99999', 'As Twilio said')).toBe('As Twilio said');
    expect(twilioErrorMessage(null)).toMatch(/could not deliver/);
  });

  it('retries 429, 5xx and no answer, never another 4xx', () => {
    expect(isRetryableSendFailure({ httpStatus: 429 })).toBe(true);
    expect(isRetryableSendFailure({ httpStatus: 503 })).toBe(true);
    expect(isRetryableSendFailure({ httpStatus: null })).toBe(true);
    expect(isRetryableSendFailure({ httpStatus: 400 })).toBe(false);
    expect(isRetryableSendFailure({ httpStatus: 401 })).toBe(false);
  });

  it('reads Retry-After as seconds or as a date', () => {
    const now = new Date('2026-11-01T10:00:00Z');
    expect(parseRetryAfter('3', now)).toBe(3_000);
    expect(parseRetryAfter(['0'], now)).toBe(0);
    expect(parseRetryAfter('Sun, 01 Nov 2026 10:00:05 GMT', now)).toBe(5_000);
    expect(parseRetryAfter('Sun, 01 Nov 2026 09:00:00 GMT', now)).toBe(0);
    expect(parseRetryAfter('soon', now)).toBeNull();
    expect(parseRetryAfter(undefined, now)).toBeNull();
  });

  it('backs off exponentially, honours Retry-After up to the max, and stops after the last try', () => {
    const policy = { maxAttempts: 4, baseDelayMs: 100, maxDelayMs: 1_000 };
    expect(nextRetryDelayMs(1, policy, null)).toBe(100);
    expect(nextRetryDelayMs(2, policy, null)).toBe(200);
    expect(nextRetryDelayMs(3, policy, null)).toBe(400);
    expect(nextRetryDelayMs(4, policy, null)).toBeNull();
    expect(nextRetryDelayMs(1, policy, 700)).toBe(700);
    expect(nextRetryDelayMs(1, policy, 5_000)).toBe(1_000);
    expect(nextRetryDelayMs(1, { ...policy, maxDelayMs: 300 }, null)).toBe(100);
    expect(nextRetryDelayMs(3, { ...policy, maxDelayMs: 300 }, null)).toBe(300);
  });
});
