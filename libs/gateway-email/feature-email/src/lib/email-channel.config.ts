import type { z } from 'zod';
import type { PlatformConfig, emailEnv } from '@pegamento/util-config';

/** What the e-mail feature reads of its app's validated config: util-config's emailEnv plus tenancy. */
export type EmailChannelConfig = Pick<PlatformConfig, 'DEFAULT_TENANT_ID' | 'DEFAULT_LOCALE'> & z.infer<z.ZodObject<typeof emailEnv>>;

/** The config, resolved once: which parts of the channel are on, and the limits. */
export interface EmailSettings {
  /** SUPPORT_EMAIL is set: mail for it is received and answered. */
  enabled: boolean;
  /** Lower case; '' when off. */
  supportAddress: string;
  /** The SMTP listener's port, or null (no listener). */
  inboundPort: number | null;
  /** The relay, or null (outbound mail is refused and the refusal shown to agents). */
  outboundUrl: string | null;
  /** The webhook's bearer token, or null (the webhook answers 503). */
  webhookToken: string | null;
  maxBytes: number;
  autoReply: { limit: number; windowMs: number };
  send: { maxAttempts: number; timeoutMs: number; retryBaseMs: number; retryMaxMs: number; pollIntervalMs: number; concurrency: number; leaseMs: number };
  tenantId: string;
  defaultLocale: string;
}

export const EMAIL_SETTINGS = Symbol('EMAIL_SETTINGS');

/** With SUPPORT_EMAIL unset, e-mail is off whatever else is set (contract.md: "all unset = e-mail off"). */
export function resolveEmailSettings(config: EmailChannelConfig): EmailSettings {
  const enabled = Boolean(config.SUPPORT_EMAIL);
  return {
    enabled,
    supportAddress: config.SUPPORT_EMAIL?.toLowerCase() ?? '',
    inboundPort: enabled ? (config.SMTP_INBOUND_PORT ?? null) : null,
    outboundUrl: enabled ? (config.SMTP_OUTBOUND_URL ?? null) : null,
    webhookToken: enabled ? (config.EMAIL_WEBHOOK_TOKEN ?? null) : null,
    maxBytes: config.EMAIL_MAX_BYTES,
    autoReply: { limit: config.EMAIL_AUTO_REPLY_LIMIT, windowMs: config.EMAIL_AUTO_REPLY_WINDOW_MINUTES * 60_000 },
    send: {
      maxAttempts: config.EMAIL_SEND_MAX_ATTEMPTS,
      timeoutMs: config.EMAIL_SEND_TIMEOUT_MS,
      retryBaseMs: config.EMAIL_SEND_RETRY_BASE_MS,
      retryMaxMs: config.EMAIL_SEND_RETRY_MAX_MS,
      pollIntervalMs: config.EMAIL_SEND_POLL_INTERVAL_MS,
      concurrency: config.EMAIL_SEND_CONCURRENCY,
      // One SMTP conversation has up to three time-outs (connect, greeting, socket).
      leaseMs: config.EMAIL_SEND_TIMEOUT_MS * 3 + 30_000,
    },
    tenantId: config.DEFAULT_TENANT_ID,
    defaultLocale: config.DEFAULT_LOCALE,
  };
}
