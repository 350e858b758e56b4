import twilio from 'twilio';
import { resolveTwilioSettings, type TwilioMessagingConfig } from '../twilio-messaging.config';
import { TwilioErrorCode } from '../twilio-messaging.exception';
import { inboundMedia } from '../receive-message/inbound-form';
import { parseForm, verifyTwilioWebhook } from './twilio-request';

const sid = `AC${'0'.repeat(32)}`;
const token = 'a-unit-test-auth-token-0123456789';
const base: TwilioMessagingConfig = {
  PORT: 3000,
  DEFAULT_TENANT_ID: 'default',
  DEFAULT_LOCALE: 'nl',
  TWILIO_ACCOUNT_SID: sid,
  TWILIO_AUTH_TOKEN: token,
  TWILIO_SMS_FROM: '+3197010203040',
  TWILIO_WHATSAPP_FROM: '+3197010203041',
  TWILIO_API_BASE_URL: 'https://api.twilio.com',
  PUBLIC_BASE_URL: 'https://chat.example.nl/',
  TWILIO_SEND_MAX_ATTEMPTS: 5,
  TWILIO_SEND_TIMEOUT_MS: 10_000,
  TWILIO_SEND_RETRY_BASE_MS: 500,
  TWILIO_SEND_RETRY_MAX_MS: 60_000,
  TWILIO_SEND_POLL_INTERVAL_MS: 200,
  TWILIO_SEND_CONCURRENCY: 4,
  TWILIO_DELETE_MAX_ATTEMPTS: 25,
  TWILIO_DELETE_RETRY_BASE_MS: 60_000,
  TWILIO_DELETE_RETRY_MAX_MS: 86_400_000,
  TWILIO_MEDIA_PROBE_TIMEOUT_MS: 5_000,
  TWILIO_WEBHOOK_BODY_LIMIT_BYTES: 65_536,
  TWILIO_SMS_MAX_SEGMENTS: 10,
  WHATSAPP_WINDOW_HOURS: 24,
  WHATSAPP_TEMPLATES: undefined,
};
const settings = resolveTwilioSettings(base);

function signed(params: Record<string, string>, url = 'https://chat.example.nl/webhooks/twilio/messaging', algorithm?: string) {
  return twilio.getExpectedTwilioSignature(token, url, params, algorithm);
}

describe('Twilio webhook verification', () => {
  const params = { AccountSid: sid, MessageSid: `SM${'1'.repeat(32)}`, From: '+31612345678', To: '+3197010203040', Body: 'Hoi & doei = 100%' };
  const body = new URLSearchParams(params).toString();

  it('accepts the signature over PUBLIC_BASE_URL + path, whatever Host the request came to', () => {
    expect(verifyTwilioWebhook(settings, { signature: signed(params), signatureSettings: undefined, originalUrl: '/webhooks/twilio/messaging', body })).toEqual(params);
  });

  it('signs the query string too (the status callback carries ?d=<part>)', () => {
    const url = 'https://chat.example.nl/webhooks/twilio/status?d=abc';
    expect(() => verifyTwilioWebhook(settings, { signature: signed(params, url), signatureSettings: undefined, originalUrl: '/webhooks/twilio/status?d=abc', body })).not.toThrow();
    expect(() => verifyTwilioWebhook(settings, { signature: signed(params, url), signatureSettings: undefined, originalUrl: '/webhooks/twilio/status?d=xyz', body })).toThrow(
      expect.objectContaining({ code: TwilioErrorCode.InvalidSignature }),
    );
  });

  it('accepts HMAC-SHA256 when the signature settings header names it', () => {
    const signature = signed(params, undefined, twilio.HMAC_SHA256);
    expect(() => verifyTwilioWebhook(settings, { signature, signatureSettings: 'key=x,algorithm=HMAC_SHA256', originalUrl: '/webhooks/twilio/messaging', body })).not.toThrow();
    expect(() => verifyTwilioWebhook(settings, { signature, signatureSettings: 'algorithm=HMAC_MD5', originalUrl: '/webhooks/twilio/messaging', body })).toThrow(
      expect.objectContaining({ code: TwilioErrorCode.InvalidSignature }),
    );
  });

  it.each([
    ['no signature', { signature: undefined }, TwilioErrorCode.MissingSignature],
    ['a changed body', { body: body.replace('doei', 'dag') }, TwilioErrorCode.InvalidSignature],
    ['another path', { originalUrl: '/webhooks/twilio/status' }, TwilioErrorCode.InvalidSignature],
    ['a body that is not a form', { body: { Body: 'x' } }, TwilioErrorCode.UnsupportedMediaType],
  ])('refuses %s', (_name, change, code) => {
    const request = { signature: signed(params) as string | undefined, signatureSettings: undefined, originalUrl: '/webhooks/twilio/messaging', body: body as unknown, ...change };
    expect(() => verifyTwilioWebhook(settings, request)).toThrow(expect.objectContaining({ code }));
  });

  it('refuses a correctly signed webhook of another account', () => {
    const other = { ...params, AccountSid: `AC${'f'.repeat(32)}` };
    expect(() =>
      verifyTwilioWebhook(settings, { signature: signed(other), signatureSettings: undefined, originalUrl: '/webhooks/twilio/messaging', body: new URLSearchParams(other).toString() }),
    ).toThrow(expect.objectContaining({ code: TwilioErrorCode.WrongAccount }));
  });

  it('answers 503 (channel_off) without credentials', () => {
    const off = resolveTwilioSettings({ ...base, TWILIO_ACCOUNT_SID: undefined, TWILIO_AUTH_TOKEN: undefined, TWILIO_SMS_FROM: undefined, TWILIO_WHATSAPP_FROM: undefined });
    expect(off.enabled).toBe(false);
    expect(() => verifyTwilioWebhook(off, { signature: 'x', signatureSettings: undefined, originalUrl: '/webhooks/twilio/messaging', body })).toThrow(
      expect.objectContaining({ code: TwilioErrorCode.ChannelOff }),
    );
  });
});

describe('form parsing', () => {
  it('keeps a repeated name as a list and never throws on bad escapes', () => {
    const params = parseForm('a=1&a=2&b=%E0%A4%A&c=%ZZ&=x&d');
    expect(params['a']).toEqual(['1', '2']);
    expect(typeof params['b']).toBe('string');
    expect(params['c']).toBe('%ZZ');
    expect(params['d']).toBe('');
    expect(Object.getPrototypeOf(params)).toBeNull();
    expect(parseForm('__proto__=x')['__proto__']).toBe('x');
  });

  it('reads the media Twilio lists, and only http(s) URLs', () => {
    const params = parseForm(
      new URLSearchParams({ MediaUrl0: 'https://api.twilio.com/m/1', MediaContentType0: 'image/jpeg', MediaUrl1: 'javascript:alert(1)', MediaContentType1: 'nonsense' }).toString(),
    );
    expect(inboundMedia(params, 2)).toEqual([
      { contentType: 'image/jpeg', url: 'https://api.twilio.com/m/1' },
      { contentType: 'application/octet-stream', url: null },
    ]);
    expect(inboundMedia(params, 0)).toEqual([]);
  });
});

describe('Twilio settings', () => {
  it('sign against PUBLIC_BASE_URL without its trailing slash, or http://localhost:$PORT', () => {
    expect(settings.publicBaseUrl).toBe('https://chat.example.nl');
    expect(settings.statusCallbackUrl).toBe('https://chat.example.nl/webhooks/twilio/status');
    expect(resolveTwilioSettings({ ...base, PUBLIC_BASE_URL: undefined, PORT: 8080 }).publicBaseUrl).toBe('http://localhost:8080');
    expect(settings.whatsappFrom).toBe('whatsapp:+3197010203041');
  });

  it('fail at boot on half-set credentials or senders without credentials, listing each', () => {
    expect(() => resolveTwilioSettings({ ...base, TWILIO_AUTH_TOKEN: undefined })).toThrow(/TWILIO_AUTH_TOKEN: required with TWILIO_ACCOUNT_SID/);
    expect(() => resolveTwilioSettings({ ...base, TWILIO_ACCOUNT_SID: undefined, TWILIO_AUTH_TOKEN: undefined })).toThrow(
      /TWILIO_SMS_FROM: needs[\s\S]*TWILIO_WHATSAPP_FROM: needs/,
    );
  });

  it('turn a sub-channel off when its sender is unset', () => {
    const smsOnly = resolveTwilioSettings({ ...base, TWILIO_WHATSAPP_FROM: undefined });
    expect(smsOnly.smsFrom).toBe('+3197010203040');
    expect(smsOnly.whatsappFrom).toBeNull();
  });
});
