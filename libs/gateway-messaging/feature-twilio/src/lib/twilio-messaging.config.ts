import type { z } from 'zod';
import { ConfigError, type PlatformConfig, type twilioEnv, type WhatsappTemplates } from '@pegamento/util-config';

/** What the Twilio feature reads of its app's validated config: util-config's twilioEnv plus PORT and tenancy. */
export type TwilioMessagingConfig = Pick<PlatformConfig, 'PORT' | 'DEFAULT_TENANT_ID' | 'DEFAULT_LOCALE'> & z.infer<z.ZodObject<typeof twilioEnv>>;

/** The config, resolved once: which sub-channels are on, the signing URL, the limits. */
export interface TwilioSettings {
  /** Credentials are set: webhooks are verified and answered. */
  enabled: boolean;
  accountSid: string;
  authToken: string;
  /** `+3197…`, or null when SMS is off. */
  smsFrom: string | null;
  /** `whatsapp:+3197…`, or null when WhatsApp is off. */
  whatsappFrom: string | null;
  apiBaseUrl: string;
  /** PUBLIC_BASE_URL without a trailing slash (default http://localhost:$PORT): what Twilio signs. */
  publicBaseUrl: string;
  statusCallbackUrl: string;
  tenantId: string;
  defaultLocale: string;
  send: {
    maxAttempts: number;
    timeoutMs: number;
    retryBaseMs: number;
    retryMaxMs: number;
    pollIntervalMs: number;
    concurrency: number;
    /** How long a claimed part may stay `sending` before another worker may try it (a crashed one). */
    leaseMs: number;
  };
  /** Deleting erased conversations' messages from Twilio (twilio_deletions, R20); timeout, poll and concurrency are the send queue's. */
  delete: {
    maxAttempts: number;
    retryBaseMs: number;
    retryMaxMs: number;
  };
  /** Deadline of one media size probe (TWILIO_MEDIA_PROBE_TIMEOUT_MS). */
  mediaProbeTimeoutMs: number;
  webhookBodyLimitBytes: number;
  smsMaxSegments: number;
  whatsappWindowHours: number;
  templates: WhatsappTemplates;
}

export const TWILIO_SETTINGS = Symbol('TWILIO_SETTINGS');

export const STATUS_CALLBACK_PATH = '/webhooks/twilio/status';

/** Resolves the config; credentials half set, or senders without credentials, fail at boot with every problem listed. */
export function resolveTwilioSettings(config: TwilioMessagingConfig): TwilioSettings {
  const problems: string[] = [];
  const sid = config.TWILIO_ACCOUNT_SID;
  const token = config.TWILIO_AUTH_TOKEN;
  if (sid && !token) problems.push('TWILIO_AUTH_TOKEN: required with TWILIO_ACCOUNT_SID');
  if (token && !sid) problems.push('TWILIO_ACCOUNT_SID: required with TWILIO_AUTH_TOKEN');
  if (!sid && !token) {
    for (const name of ['TWILIO_SMS_FROM', 'TWILIO_WHATSAPP_FROM'] as const) {
      if (config[name]) problems.push(`${name}: needs TWILIO_ACCOUNT_SID and TWILIO_AUTH_TOKEN`);
    }
  }
  if (problems.length > 0) throw new ConfigError(problems);
  const enabled = Boolean(sid && token);
  const publicBaseUrl = (config.PUBLIC_BASE_URL ?? `http://localhost:${config.PORT}`).replace(/\/+$/, '');
  return {
    enabled,
    accountSid: sid ?? '',
    authToken: token ?? '',
    smsFrom: enabled ? (config.TWILIO_SMS_FROM ?? null) : null,
    whatsappFrom: enabled && config.TWILIO_WHATSAPP_FROM ? `whatsapp:${config.TWILIO_WHATSAPP_FROM}` : null,
    apiBaseUrl: config.TWILIO_API_BASE_URL,
    publicBaseUrl,
    statusCallbackUrl: `${publicBaseUrl}${STATUS_CALLBACK_PATH}`,
    tenantId: config.DEFAULT_TENANT_ID,
    defaultLocale: config.DEFAULT_LOCALE,
    send: {
      maxAttempts: config.TWILIO_SEND_MAX_ATTEMPTS,
      timeoutMs: config.TWILIO_SEND_TIMEOUT_MS,
      retryBaseMs: config.TWILIO_SEND_RETRY_BASE_MS,
      retryMaxMs: config.TWILIO_SEND_RETRY_MAX_MS,
      pollIntervalMs: config.TWILIO_SEND_POLL_INTERVAL_MS,
      concurrency: config.TWILIO_SEND_CONCURRENCY,
      leaseMs: config.TWILIO_SEND_TIMEOUT_MS + 30_000,
    },
    delete: {
      maxAttempts: config.TWILIO_DELETE_MAX_ATTEMPTS,
      retryBaseMs: config.TWILIO_DELETE_RETRY_BASE_MS,
      retryMaxMs: config.TWILIO_DELETE_RETRY_MAX_MS,
    },
    mediaProbeTimeoutMs: config.TWILIO_MEDIA_PROBE_TIMEOUT_MS,
    webhookBodyLimitBytes: config.TWILIO_WEBHOOK_BODY_LIMIT_BYTES,
    smsMaxSegments: config.TWILIO_SMS_MAX_SEGMENTS,
    whatsappWindowHours: config.WHATSAPP_WINDOW_HOURS,
    templates: config.WHATSAPP_TEMPLATES ?? {},
  };
}
