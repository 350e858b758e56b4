import { Logger } from '@nestjs/common';
import { startFakeOpenAi, type FakeOpenAi } from '@pegamento/ai-responder-data-access-model/testing';
import { startService, type RunningService } from '@pegamento/feature-platform';
import { standalone } from '@pegamento/standalone-composition';
import { ConfigError } from '@pegamento/util-config';
import { createTestDatabase, eventually, type TestDatabase } from '@pegamento/util-testing';
import { ContractClient } from './support/contract-client';

interface EndpointReport {
  modelEndpoint: { endpoints: { host: string | null; inEuAllowList: boolean; nonEuAllowed: boolean; lastStartedAt: string }[]; outsideEu: boolean };
}

/**
 * R21: model processing stays in the EU by default. A model endpoint outside the EU
 * allow-list is refused at start; with MODEL_ALLOW_NON_EU=true it starts, says so in a
 * warning, and the compliance report of every tenant shows it.
 */
describe('the model endpoint stays in the EU unless explicitly allowed (R21)', () => {
  let db: TestDatabase;
  let fake: FakeOpenAi;
  let service: RunningService | null = null;
  const admin = { email: 'admin@example.test', password: 'a long enough admin password' };

  const env = (extra: Record<string, string>) => ({
    LOG_LEVEL: 'silent',
    PORT: '0',
    DATABASE_URL: db.url,
    JWT_SECRET: 'a-residency-test-secret-long-enough-for-hs256',
    OPENAI_API_KEY: fake.apiKey,
    OPENAI_BASE_URL: fake.baseUrl,
    KNOWLEDGE_DEMO: 'false',
    SEED_ADMIN_EMAIL: admin.email,
    SEED_ADMIN_PASSWORD: admin.password,
    ...extra,
  });

  async function report(api: ContractClient, from: Date): Promise<EndpointReport> {
    const login = await api.request<{ accessToken: string }>('POST', '/api/v1/auth/login', { json: admin });
    const r = await api.request<EndpointReport>('GET', `/api/v1/compliance/report?from=${from.toISOString()}&to=${new Date(Date.now() + 60_000).toISOString()}`, {
      token: login.body.accessToken,
    });
    expect(r.status).toBe(200);
    return r.body;
  }

  beforeAll(async () => {
    db = await createTestDatabase();
    fake = await startFakeOpenAi();
  });
  afterEach(async () => {
    await service?.stop();
    service = null;
    jest.restoreAllMocks();
  });
  afterAll(async () => {
    await fake?.close();
    await db?.drop();
  });

  it('refuses to start with an endpoint outside the allow-list, and says how to proceed', async () => {
    const start = startService(standalone, env({ MODEL_EU_HOSTS: 'api.mistral.ai' }));
    await expect(start).rejects.toThrow(ConfigError);
    await expect(start).rejects.toThrow(/OPENAI_BASE_URL: the model endpoint's host "127\.0\.0\.1" is not on the EU allow-list[\s\S]*MODEL_ALLOW_NON_EU=true/);
  });

  it('records an EU endpoint at start and shows it in the compliance report', async () => {
    const from = new Date(Date.now() - 1_000);
    service = await startService(standalone, env({}));
    const body = await eventually(async () => {
      const r = await report(new ContractClient(service!.url), from);
      return r.modelEndpoint.endpoints.length > 0 ? r : undefined;
    });
    expect(body.modelEndpoint).toEqual({
      endpoints: [{ host: '127.0.0.1', inEuAllowList: true, nonEuAllowed: false, lastStartedAt: expect.any(String) }],
      outsideEu: false,
    });
  });

  it('starts outside the EU only with MODEL_ALLOW_NON_EU=true, warns, and the report shows it next to the earlier endpoint', async () => {
    const warn = jest.spyOn(Logger.prototype, 'warn');
    const from = new Date(Date.now() - 60_000);
    service = await startService(standalone, env({ MODEL_EU_HOSTS: 'api.mistral.ai', MODEL_ALLOW_NON_EU: 'true' }));
    expect(warn.mock.calls.some((args) => args.some((a) => typeof a === 'string' && a.includes('the model endpoint 127.0.0.1 is outside the EU allow-list')))).toBe(true);
    const body = await eventually(async () => {
      const r = await report(new ContractClient(service!.url), from);
      return r.modelEndpoint.outsideEu ? r : undefined;
    });
    expect(body.modelEndpoint.endpoints.map(({ host, inEuAllowList, nonEuAllowed }) => ({ host, inEuAllowList, nonEuAllowed }))).toEqual([
      { host: '127.0.0.1', inEuAllowList: true, nonEuAllowed: false },
      { host: '127.0.0.1', inEuAllowList: false, nonEuAllowed: true },
    ]);
  });
});
