import twilio from 'twilio';
import type { TwilioSettings } from '../twilio-messaging.config';
import { TwilioErrorCode, TwilioException } from '../twilio-messaging.exception';

/** A form body as Twilio signs it: each name once, a repeated name as the list of its values. */
export type FormParams = Record<string, string | string[]>;

/** Parses `application/x-www-form-urlencoded` without ever throwing (bad escapes stay as they are). */
export function parseForm(body: string): FormParams {
  const params: FormParams = Object.create(null) as FormParams;
  for (const [name, value] of new URLSearchParams(body)) {
    const previous = params[name];
    params[name] = previous === undefined ? value : Array.isArray(previous) ? [...previous, value] : [previous, value];
  }
  return params;
}

export interface IncomingWebhook {
  signature: string | undefined;
  /** X-Twilio-Webhooks-Signature-Settings: names HMAC_SHA256 for SharedKey webhooks. */
  signatureSettings: string | undefined;
  /** Path and query as received (Express's originalUrl). */
  originalUrl: string;
  /** The raw form body (a string), or whatever the other parsers made of another content type. */
  body: unknown;
}

/**
 * Checks X-Twilio-Signature with the `twilio` library's validateRequest (HMAC over the
 * exact URL plus the sorted parameters, compared in constant time). The URL is
 * PUBLIC_BASE_URL plus the path and query as received: behind a proxy the Host header
 * names the proxy's upstream, not the address Twilio was given.
 */
export function verifyTwilioWebhook(settings: TwilioSettings, request: IncomingWebhook): FormParams {
  if (!settings.enabled) {
    throw new TwilioException(TwilioErrorCode.ChannelOff, 'SMS and WhatsApp are off: set TWILIO_ACCOUNT_SID and TWILIO_AUTH_TOKEN to receive Twilio webhooks.');
  }
  if (!request.signature) throw new TwilioException(TwilioErrorCode.MissingSignature, 'The X-Twilio-Signature header is missing.');
  if (typeof request.body !== 'string') {
    throw new TwilioException(TwilioErrorCode.UnsupportedMediaType, 'Send the webhook as a form (Content-Type: application/x-www-form-urlencoded), as Twilio does.');
  }
  const params = parseForm(request.body);
  const url = `${settings.publicBaseUrl}${request.originalUrl}`;
  const algorithm = twilio.getSignatureAlgorithm(request.signatureSettings);
  const valid = (algorithm === twilio.HMAC_SHA1 || algorithm === twilio.HMAC_SHA256) && twilio.validateRequest(settings.authToken, request.signature, url, params, algorithm);
  if (!valid) throw new TwilioException(TwilioErrorCode.InvalidSignature, 'The X-Twilio-Signature does not match this request.');
  const accountSid = params['AccountSid'];
  if (accountSid !== undefined && accountSid !== settings.accountSid) {
    throw new TwilioException(TwilioErrorCode.WrongAccount, 'This webhook is for another Twilio account.');
  }
  return params;
}
