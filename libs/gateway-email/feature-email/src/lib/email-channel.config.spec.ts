import { z } from 'zod';
import { ConfigError, emailEnv, loadConfig } from '@pegamento/util-config';
import { resolveEmailSettings } from './email-channel.config';

const schema = z.object({ DEFAULT_TENANT_ID: z.string().default('default'), DEFAULT_LOCALE: z.string().default('nl'), ...emailEnv });

function problems(env: Record<string, string>): string[] {
  try {
    loadConfig(schema, env);
    return [];
  } catch (error) {
    if (error instanceof ConfigError) return [...error.problems];
    throw error;
  }
}

describe('the e-mail channel config', () => {
  it('is off with every variable unset, with named defaults for every limit', () => {
    const settings = resolveEmailSettings(schema.parse({}));
    expect(settings).toMatchObject({ enabled: false, inboundPort: null, outboundUrl: null, webhookToken: null, maxBytes: 10_485_760 });
    expect(settings.autoReply).toEqual({ limit: 5, windowMs: 60 * 60_000 });
    expect(settings.send).toMatchObject({ maxAttempts: 6, timeoutMs: 30_000, retryBaseMs: 5_000, retryMaxMs: 900_000, pollIntervalMs: 500, concurrency: 4 });
  });

  it('stays off without SUPPORT_EMAIL, whatever else is set (no listener, no sender, no webhook)', () => {
    const settings = resolveEmailSettings(schema.parse({ SMTP_INBOUND_PORT: '2525', SMTP_OUTBOUND_URL: 'smtp://relay.example:587', EMAIL_WEBHOOK_TOKEN: 'x'.repeat(20) }));
    expect(settings).toMatchObject({ enabled: false, inboundPort: null, outboundUrl: null, webhookToken: null });
  });

  it('turns on each part that is configured, with the support address in lower case', () => {
    const settings = resolveEmailSettings(
      schema.parse({ SUPPORT_EMAIL: 'Support@Winkel.Example', SMTP_INBOUND_PORT: '2525', SMTP_OUTBOUND_URL: 'smtps://u:p@relay.example:465', EMAIL_AUTO_REPLY_LIMIT: '2', EMAIL_AUTO_REPLY_WINDOW_MINUTES: '10' }),
    );
    expect(settings).toMatchObject({ enabled: true, supportAddress: 'support@winkel.example', inboundPort: 2525, outboundUrl: 'smtps://u:p@relay.example:465', webhookToken: null });
    expect(settings.autoReply).toEqual({ limit: 2, windowMs: 600_000 });
  });

  it('lists every bad variable at once', () => {
    const listed = problems({ SUPPORT_EMAIL: 'not-an-address', SMTP_OUTBOUND_URL: 'http://relay.example', EMAIL_WEBHOOK_TOKEN: 'short', SMTP_INBOUND_PORT: '70000', EMAIL_MAX_BYTES: '10' });
    for (const name of ['SUPPORT_EMAIL', 'SMTP_OUTBOUND_URL', 'EMAIL_WEBHOOK_TOKEN', 'SMTP_INBOUND_PORT', 'EMAIL_MAX_BYTES']) {
      expect(listed.some((p) => p.startsWith(name))).toBe(true);
    }
  });
});
