import { testFieldKeyEnv } from '@pegamento/util-crypto/testing';
import { handoffConfigSchema } from './handoff.config';

const distributed = { DATABASE_URL: 'postgres://localhost/pegamento', KAFKA_BROKERS: 'localhost:9092', ...testFieldKeyEnv() };

describe('the handoff service config', () => {
  it('has no DEMO_USERS: a distributed deployment never has default credentials', () => {
    const config = handoffConfigSchema.parse({ ...distributed, DEMO_USERS: 'true' });
    expect('DEMO_USERS' in config).toBe(false);
  });

  it('requires the keys of the encrypted columns (ADR 0015)', () => {
    const { DATA_ENCRYPTION_KEYS: _keys, BLIND_INDEX_KEY: _blind, ...withoutKeys } = distributed;
    const result = handoffConfigSchema.safeParse(withoutKeys);
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((i) => i.path.join('.')).sort()).toEqual(['BLIND_INDEX_KEY', 'DATA_ENCRYPTION_KEYS']);
    expect(handoffConfigSchema.parse(distributed).DATA_ENCRYPTION_KEYS.map((k) => k.kid)).toEqual(['test1']);
  });

  it('reads the Slack app variables: unset means Slack off, limits have defaults', () => {
    const off = handoffConfigSchema.parse(distributed);
    expect(off.SLACK_SIGNING_SECRET).toBeUndefined();
    expect(off.SLACK_API_URL).toBe('https://slack.com/api/');
    expect(off.SLACK_BODY_LIMIT_BYTES).toBe(65_536);
    const on = handoffConfigSchema.parse({ ...distributed, SLACK_SIGNING_SECRET: 'a-signing-secret', SLACK_BOT_TOKEN: 'xoxb-1', SLACK_AGENT_CHANNEL: 'C0AGENTS', SLACK_SEND_MAX_ATTEMPTS: '3' });
    expect(on).toMatchObject({ SLACK_AGENT_CHANNEL: 'C0AGENTS', SLACK_SEND_MAX_ATTEMPTS: 3 });
    expect(handoffConfigSchema.safeParse({ ...distributed, SLACK_AGENT_CHANNEL: 'agents' }).success).toBe(false);
  });

  it('finds the console bundle through UI_DIR (default dist/ui)', () => {
    expect(handoffConfigSchema.parse(distributed).UI_DIR).toBe('dist/ui');
    expect(handoffConfigSchema.parse({ ...distributed, UI_DIR: '/srv/ui' }).UI_DIR).toBe('/srv/ui');
  });

  it('reads the WhatsApp window and approved templates the agent API enforces', () => {
    expect(handoffConfigSchema.parse(distributed).WHATSAPP_WINDOW_HOURS).toBe(24);
    const config = handoffConfigSchema.parse({ ...distributed, WHATSAPP_WINDOW_HOURS: '12', WHATSAPP_TEMPLATES: JSON.stringify({ order_update: { text: 'Your order {{1}} has news.' } }) });
    expect(config.WHATSAPP_WINDOW_HOURS).toBe(12);
    expect(Object.keys(config.WHATSAPP_TEMPLATES ?? {})).toEqual(['order_update']);
    expect(() => handoffConfigSchema.parse({ ...distributed, WHATSAPP_WINDOW_HOURS: '48' })).toThrow();
  });
});
