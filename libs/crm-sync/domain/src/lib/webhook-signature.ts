import { createHmac, timingSafeEqual } from 'node:crypto';

/** The header that carries the signature of a CRM webhook POST. */
export const CRM_SIGNATURE_HEADER = 'x-pegamento-signature';
/** How far a receiver should accept a signature's time from its own clock (seconds). */
export const CRM_SIGNATURE_TOLERANCE_SECONDS = 300;

function mac(secret: string, timestamp: number, body: string): string {
  return createHmac('sha256', secret).update(`${timestamp}.${body}`, 'utf8').digest('hex');
}

/**
 * `X-Pegamento-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<raw body>">` with
 * CRM_WEBHOOK_SECRET: the receiver recomputes it over the raw body, compares in constant
 * time and refuses a time more than five minutes off (a replay). The scheme Stripe and
 * others use, so receivers know it.
 */
export function signCrmWebhook(secret: string, timestamp: number, body: string): string {
  return `t=${timestamp},v1=${mac(secret, timestamp, body)}`;
}

/** What a receiver does (and the tests): true when the header signs this body with this secret, within the tolerance. */
export function verifyCrmWebhook(secret: string, header: string | undefined | null, body: string, nowSeconds: number, toleranceSeconds = CRM_SIGNATURE_TOLERANCE_SECONDS): boolean {
  if (!header) return false;
  const parts = new Map(header.split(',').map((p) => p.trim().split('=', 2) as [string, string | undefined]));
  const t = Number(parts.get('t'));
  const given = parts.get('v1');
  if (!Number.isInteger(t) || !given || !/^[0-9a-f]{64}$/.test(given)) return false;
  if (Math.abs(nowSeconds - t) > toleranceSeconds) return false;
  return timingSafeEqual(Buffer.from(mac(secret, t, body), 'hex'), Buffer.from(given, 'hex'));
}
