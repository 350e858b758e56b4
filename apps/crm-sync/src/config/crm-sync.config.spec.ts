import { resolveCrmSyncSettings } from '@pegamento/crm-sync-feature-sync';
import { testFieldKeyEnv } from '@pegamento/util-crypto/testing';
import { crmSyncConfigSchema } from './crm-sync.config';

const distributed = { DATABASE_URL: 'postgres://localhost/pegamento', KAFKA_BROKERS: 'localhost:9092', JWT_SECRET: 'a-crm-sync-config-secret-long-enough', ...testFieldKeyEnv() };

describe('the crm-sync service config', () => {
  it('has every adapter off by default, with named limits', () => {
    const config = crmSyncConfigSchema.parse(distributed);
    expect(config).toMatchObject({
      HUBSPOT_API_BASE_URL: 'https://api.hubapi.com',
      CRM_SYNC_TIMEOUT_MS: 10_000,
      CRM_SYNC_MAX_ATTEMPTS: 8,
      CRM_SYNC_RETRY_BASE_MS: 1_000,
      CRM_SYNC_RETRY_MAX_MS: 3_600_000,
      CRM_SYNC_POLL_INTERVAL_MS: 500,
      CRM_TRANSCRIPT_MAX_MESSAGES: 500,
      BACKOFFICE_TIMEOUT_MS: 3_000,
      BACKOFFICE_RESPONSE_MAX_BYTES: 262_144,
    });
    expect(resolveCrmSyncSettings(config)).toMatchObject({ hubspot: null, webhook: null, backoffice: null, adapters: [] });
  });

  it('requires the data keys: transcripts and contacts are read from encrypted columns', () => {
    const { DATA_ENCRYPTION_KEYS: _k, BLIND_INDEX_KEY: _b, ...without } = distributed;
    const result = crmSyncConfigSchema.safeParse(without);
    expect(result.error?.issues.map((i) => i.path.join('.')).sort()).toEqual(['BLIND_INDEX_KEY', 'DATA_ENCRYPTION_KEYS']);
  });

  it('turns adapters on from their variables, and refuses a webhook without its secret (never sent unsigned)', () => {
    const on = resolveCrmSyncSettings(
      crmSyncConfigSchema.parse({
        ...distributed,
        HUBSPOT_ACCESS_TOKEN: 'pat-eu1-token',
        CRM_WEBHOOK_URL: 'https://crm.example/hooks',
        CRM_WEBHOOK_SECRET: 'a-webhook-secret-0123',
        BACKOFFICE_API_URL: 'https://bo.example/api',
      }),
    );
    expect(on.adapters).toEqual(['hubspot', 'webhook']);
    expect(on.backoffice).toMatchObject({ baseUrl: 'https://bo.example/api', token: null });
    expect(() => resolveCrmSyncSettings(crmSyncConfigSchema.parse({ ...distributed, CRM_WEBHOOK_URL: 'https://crm.example/hooks' }))).toThrow(/CRM_WEBHOOK_SECRET: required with CRM_WEBHOOK_URL/);
    expect(() => resolveCrmSyncSettings(crmSyncConfigSchema.parse({ ...distributed, BACKOFFICE_API_TOKEN: 'a-token-123' }))).toThrow(/BACKOFFICE_API_URL: required/);
    expect(crmSyncConfigSchema.safeParse({ ...distributed, CRM_WEBHOOK_SECRET: 'short' }).success).toBe(false);
    expect(crmSyncConfigSchema.safeParse({ ...distributed, CRM_WEBHOOK_URL: 'ftp://x' }).success).toBe(false);
  });
});
