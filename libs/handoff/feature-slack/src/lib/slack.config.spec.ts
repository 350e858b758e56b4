import { ConfigError, slackEnv } from '@pegamento/util-config';
import { z } from 'zod';
import { resolveSlackSettings } from './slack.config';

const schema = z.object({ DEFAULT_TENANT_ID: z.string().default('default'), ...slackEnv });
const ON = { SLACK_SIGNING_SECRET: 'a-signing-secret', SLACK_BOT_TOKEN: 'xoxb-1-2-abc', SLACK_AGENT_CHANNEL: 'C0123ABC' };

describe('the Slack app config', () => {
  it('is off without SLACK_*, with the documented defaults for every limit', () => {
    const settings = resolveSlackSettings(schema.parse({}));
    expect(settings.enabled).toBe(false);
    expect(settings.apiUrl).toBe('https://slack.com/api/');
    expect(settings).toMatchObject({
      tenantId: 'default',
      bodyLimitBytes: 65_536,
      eventDedupeHours: 24,
      queueListMax: 20,
      send: { maxAttempts: 6, timeoutMs: 10_000, retryBaseMs: 1_000, retryMaxMs: 60_000, pollIntervalMs: 500, leaseMs: 40_000 },
    });
  });

  it('is on with all three variables, and SLACK_API_URL gets its trailing slash', () => {
    const settings = resolveSlackSettings(schema.parse({ ...ON, SLACK_API_URL: 'http://127.0.0.1:4000/api', SLACK_SEND_MAX_ATTEMPTS: '3' }));
    expect(settings).toMatchObject({ enabled: true, channelId: 'C0123ABC', apiUrl: 'http://127.0.0.1:4000/api/', send: { maxAttempts: 3 } });
  });

  it('refuses half a Slack app at boot, naming what is missing', () => {
    const { SLACK_AGENT_CHANNEL: _c, ...two } = ON;
    expect(() => resolveSlackSettings(schema.parse(two))).toThrow(ConfigError);
    expect(() => resolveSlackSettings(schema.parse(two))).toThrow(/SLACK_AGENT_CHANNEL: required/);
  });

  it('validates the variables and the limits', () => {
    expect(schema.safeParse({ SLACK_BOT_TOKEN: 'not-a-token' }).success).toBe(false);
    expect(schema.safeParse({ SLACK_AGENT_CHANNEL: '#agents' }).success).toBe(false);
    expect(schema.safeParse({ SLACK_BODY_LIMIT_BYTES: '10' }).success).toBe(false);
    expect(schema.safeParse({ SLACK_SEND_MAX_ATTEMPTS: '0' }).success).toBe(false);
    expect(schema.safeParse({ SLACK_QUEUE_LIST_MAX: '51' }).success).toBe(false);
  });
});
