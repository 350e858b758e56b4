import { startService } from '@pegamento/feature-platform';
import { standalone } from '@pegamento/standalone-composition';
import { createTestDatabase, type TestDatabase } from '@pegamento/util-testing';
import { ContractClient } from './support/contract-client';

/**
 * `npm start` without SEED_* users comes with demo credentials for the console (standalone
 * only; DEMO_USERS=false or real SEED_* users switch them off, also on a database where they
 * were created before). The distributed handoff schema has no DEMO_USERS at all
 * (apps/handoff/src/config/handoff.config.spec.ts).
 */
const DEMO_AGENT = { email: 'agent@demo.pegamento.test', password: 'demo-agent-2026' };
const DEMO_ADMIN = { email: 'admin@demo.pegamento.test', password: 'demo-admin-2026' };

describe('demo credentials of the standalone process', () => {
  let db: TestDatabase;

  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(async () => {
    await db?.drop();
  });

  /** Starts the standalone process on the test database with `env`, runs `check` against it, stops it. */
  async function withStandalone(env: Record<string, string>, check: (api: ContractClient) => Promise<void>): Promise<void> {
    const service = await startService(standalone, {
      LOG_LEVEL: 'silent',
      PORT: '0',
      DATABASE_URL: db.url,
      JWT_SECRET: 'a-demo-users-e2e-secret-long-enough-for-hs256',
      KNOWLEDGE_DEMO: 'false',
      ...env,
    });
    try {
      await check(new ContractClient(service.url));
    } finally {
      await service.stop();
    }
  }

  const login = (api: ContractClient, user: { email: string; password: string }) =>
    api.request<{ accessToken?: string; user?: { role: string; displayName: string } }>('POST', '/api/v1/auth/login', { json: user });

  it(
    'lets one log in with the demo agent and admin when no SEED_* users are set, and switches them off with DEMO_USERS=false or real users',
    async () => {
      await withStandalone({}, async (api) => {
        const agent = await login(api, DEMO_AGENT);
        expect(agent.status).toBe(200);
        expect(agent.body.user).toMatchObject({ role: 'agent', displayName: 'Demo Agent' });
        const admin = await login(api, DEMO_ADMIN);
        expect(admin.status).toBe(200);
        expect(admin.body.user).toMatchObject({ role: 'admin' });
        expect((await api.request('GET', '/api/v1/compliance/report', { token: admin.body.accessToken })).status).toBe(200);
      });

      await withStandalone({ DEMO_USERS: 'false' }, async (api) => {
        expect((await login(api, DEMO_AGENT)).status).toBe(401);
        expect((await login(api, DEMO_ADMIN)).status).toBe(401);
      });

      await withStandalone({ SEED_AGENT_EMAIL: 'sanne@example.test', SEED_AGENT_PASSWORD: 'correct horse battery staple' }, async (api) => {
        expect((await login(api, DEMO_AGENT)).status).toBe(401);
        expect((await login(api, { email: 'sanne@example.test', password: 'correct horse battery staple' })).status).toBe(200);
        expect((await login(api, DEMO_ADMIN)).status).toBe(200);
      });
    },
    120_000,
  );
});
