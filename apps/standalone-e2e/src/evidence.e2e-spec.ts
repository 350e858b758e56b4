import { DataSource } from 'typeorm';
import { startService, type RunningService } from '@pegamento/feature-platform';
import { standalone } from '@pegamento/standalone-composition';
import { DISCLOSURE_VERSION } from '@pegamento/shared-domain';
import { verifyAuditChain } from '@pegamento/policy-data-access';
import { createTestDatabase, eventually, type TestDatabase } from '@pegamento/util-testing';
import { ContractClient, type ConversationShape, type MessageShape } from './support/contract-client';
import { SEED_USERS } from './support/conversation-contract';

/** The evidence log (R07) and the time-to-a-person metric, read where operators read them. */
describe('evidence of what the platform decided', () => {
  let db: TestDatabase;
  let service: RunningService;
  let api: ContractClient;

  beforeAll(async () => {
    db = await createTestDatabase();
    service = await startService(standalone, { LOG_LEVEL: 'silent', PORT: '0', DATABASE_URL: db.url, JWT_SECRET: 'an-evidence-secret-long-enough-for-hs256', ...SEED_USERS });
    api = new ContractClient(service.url);
  });
  afterAll(async () => {
    await service?.stop();
    await db?.drop();
  });

  it('logs the disclosure shown, the request for a person with its trigger, each state change and the transcript read', async () => {
    const opened = await api.request<{ conversation: ConversationShape; token: string; messages: MessageShape[] }>('POST', '/api/v1/web/conversations', { json: { locale: 'nl' } });
    const { conversation, token } = opened.body;
    await api.request('POST', `/api/v1/web/conversations/${conversation.id}/messages`, { token, json: { text: 'ik wil een mens spreken' } });
    const login = await api.request<{ accessToken: string }>('POST', '/api/v1/auth/login', { json: { email: SEED_USERS.SEED_AGENT_EMAIL, password: SEED_USERS.SEED_AGENT_PASSWORD } });
    const agent = login.body.accessToken;
    await eventually(async () => (await api.request<{ conversation: ConversationShape }>('GET', `/api/v1/web/conversations/${conversation.id}`, { token })).body.conversation.status === 'waiting_for_agent');
    const dataSource = service.app.get(DataSource);
    // The customer has been told about the queue before the agent claims.
    await eventually(async () => ((await dataSource.query(`SELECT 1 FROM audit_log WHERE conversation_id = $1 AND action = 'status.announced'`, [conversation.id])) as unknown[]).length > 0);
    expect((await api.request('POST', `/api/v1/agent/conversations/${conversation.id}/claim`, { token: agent })).status).toBe(200);
    await api.request('GET', `/api/v1/agent/conversations/${conversation.id}/messages`, { token: agent });
    expect((await api.request('POST', `/api/v1/agent/conversations/${conversation.id}/messages`, { token: agent, json: { text: 'Ik ben er.' } })).status).toBe(202);

    const actions = await eventually(async () => {
      const rows = (await dataSource.query(`SELECT action, reason, details FROM audit_log WHERE conversation_id = $1 ORDER BY occurred_at`, [conversation.id])) as {
        action: string;
        reason: string | null;
        details: Record<string, unknown>;
      }[];
      return rows.some((r) => r.action === 'agent.reply.sent') && rows;
    });
    const disclosure = actions.find((r) => r.action === 'disclosure.shown');
    expect(disclosure?.details).toMatchObject({ disclosureVersion: DISCLOSURE_VERSION, channel: 'web', locale: 'nl' });
    const escalation = actions.find((r) => r.action === 'escalation.requested');
    expect(escalation?.details).toMatchObject({ trigger: 'customer_request' });
    expect(escalation?.reason).toEqual(expect.any(String));
    expect(actions.map((r) => r.action)).toEqual(expect.arrayContaining(['transcript.read', 'speaker.announced', 'status.announced', 'agent.reply.sent']));
    const [row] = (await dataSource.query(`SELECT disclosure_version, disclosed_at FROM conversations WHERE id = $1`, [conversation.id])) as { disclosure_version: string; disclosed_at: Date }[];
    expect(row!.disclosure_version).toBe(DISCLOSURE_VERSION);

    const metrics = await (await fetch(`${service.url}/metrics`)).text();
    expect(metrics).toMatch(/pegamento_time_to_human_seconds_count\{[^}]*channel="web"[^}]*\} 1/);
  });

  it('keeps the evidence the running system wrote in one intact hash chain that refuses changes', async () => {
    const dataSource = service.app.get(DataSource);
    const report = await verifyAuditChain(dataSource);
    expect(report.problems).toEqual([]);
    expect(report.heads.map((h) => h.tenantId)).toContain('default');
    expect(report.heads.find((h) => h.tenantId === 'default')!.rows).toBeGreaterThanOrEqual(5);
    await expect(dataSource.query(`UPDATE audit_log SET reason = 'rewritten' WHERE tenant_id = 'default'`)).rejects.toThrow(/append-only/);
    await expect(dataSource.query(`DELETE FROM audit_log`)).rejects.toThrow(/append-only/);
  });
});
