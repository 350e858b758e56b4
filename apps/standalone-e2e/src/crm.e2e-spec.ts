import { Client } from 'pg';
import { FakeCrmWebhook, FakeHubSpotServer } from '@pegamento/crm-sync-data-access-crm/testing';
import { FakeBackoffice } from '@pegamento/data-access-backoffice/testing';
import { startService, type RunningService } from '@pegamento/feature-platform';
import { standalone } from '@pegamento/standalone-composition';
import { AccessTokenService } from '@pegamento/util-auth';
import { createTestDatabase, eventually, type TestDatabase } from '@pegamento/util-testing';
import { ContractClient, type ConversationShape, type MessageShape } from './support/contract-client';
import { SEED_USERS } from './support/conversation-contract';

/**
 * crm-sync end to end (ADR 0019): the standalone process with HUBSPOT_*, CRM_WEBHOOK_* and
 * BACKOFFICE_* pointing at local servers that speak HubSpot's CRM API (reached through the
 * official SDK), receive the signed webhook (and check its signature), and answer customer
 * context. Closed conversations reach both CRMs; erasure reaches them too; agents get the
 * back office's context of their own tenant's customers only.
 */
const HUBSPOT_TOKEN = 'pat-eu1-crm-e2e-private-app-token';
const WEBHOOK_SECRET = 'a-crm-e2e-webhook-secret-0123456789';
const BACKOFFICE_TOKEN = 'a-backoffice-e2e-token';

interface Opened {
  conversation: ConversationShape;
  token: string;
  messages: MessageShape[];
}

describe('crm-sync: HubSpot, the CRM webhook and the back office (standalone process)', () => {
  let db: TestDatabase;
  let sql: Client;
  let service: RunningService;
  let hubspot: FakeHubSpotServer;
  let webhook: FakeCrmWebhook;
  let backoffice: FakeBackoffice;
  let api: ContractClient;
  let agentToken: string;
  let adminToken: string;

  beforeAll(async () => {
    db = await createTestDatabase();
    [hubspot, webhook, backoffice] = await Promise.all([
      FakeHubSpotServer.start({ accessToken: HUBSPOT_TOKEN }),
      FakeCrmWebhook.start({ secret: WEBHOOK_SECRET }),
      FakeBackoffice.start({ token: BACKOFFICE_TOKEN }),
    ]);
    service = await startService(standalone, {
      LOG_LEVEL: 'silent',
      PORT: '0',
      DATABASE_URL: db.url,
      JWT_SECRET: 'a-crm-e2e-secret-long-enough-for-hs256',
      ...SEED_USERS,
      HUBSPOT_ACCESS_TOKEN: HUBSPOT_TOKEN,
      HUBSPOT_API_BASE_URL: hubspot.url,
      CRM_WEBHOOK_URL: webhook.url,
      CRM_WEBHOOK_SECRET: WEBHOOK_SECRET,
      BACKOFFICE_API_URL: backoffice.url,
      BACKOFFICE_API_TOKEN: BACKOFFICE_TOKEN,
      BACKOFFICE_TIMEOUT_MS: '500',
      CRM_SYNC_POLL_INTERVAL_MS: '50',
      CRM_SYNC_RETRY_BASE_MS: '100',
      CRM_SYNC_RETRY_MAX_MS: '2000',
      CRM_SYNC_MAX_ATTEMPTS: '3',
      CRM_SYNC_TIMEOUT_MS: '2000',
    });
    api = new ContractClient(service.url);
    sql = new Client({ connectionString: db.url });
    await sql.connect();
    const login = async (email: string, password: string) => (await api.request<{ accessToken: string }>('POST', '/api/v1/auth/login', { json: { email, password } })).body.accessToken;
    agentToken = await login(SEED_USERS.SEED_AGENT_EMAIL, SEED_USERS.SEED_AGENT_PASSWORD);
    adminToken = await login(SEED_USERS.SEED_ADMIN_EMAIL, SEED_USERS.SEED_ADMIN_PASSWORD);
  }, 120_000);

  afterAll(async () => {
    await sql?.end();
    await service?.stop();
    await Promise.all([hubspot?.stop(), webhook?.stop(), backoffice?.stop()]);
    await db?.drop();
  });

  async function open(json: Record<string, unknown>): Promise<Opened> {
    const r = await api.request<Opened>('POST', '/api/v1/web/conversations', { json: { locale: 'nl', ...json } });
    expect(r.status).toBe(201);
    return r.body;
  }
  async function say(c: Opened, text: string): Promise<void> {
    expect((await api.request('POST', `/api/v1/web/conversations/${c.conversation.id}/messages`, { token: c.token, json: { text } })).status).toBe(202);
  }
  async function transcript(c: Opened): Promise<MessageShape[]> {
    return (await api.request<{ messages: MessageShape[] }>('GET', `/api/v1/web/conversations/${c.conversation.id}/messages`, { token: c.token })).body.messages;
  }
  /** A conversation with a question answered by the assistant, handed to Sanne, answered and closed by her. */
  async function servedAndClosed(json: Record<string, unknown>): Promise<Opened> {
    const c = await open(json);
    await say(c, 'Hoe kan ik iets retourneren?');
    await eventually(async () => (await transcript(c)).some((m) => m.author.type === 'ai' && m.direction === 'outbound' && m.text.length > 40));
    expect((await api.request('POST', `/api/v1/web/conversations/${c.conversation.id}/handoff`, { token: c.token, json: {} })).status).toBe(202);
    await eventually(async () => (await api.request<{ conversation: ConversationShape }>('GET', `/api/v1/web/conversations/${c.conversation.id}`, { token: c.token })).body.conversation.status === 'waiting_for_agent');
    expect((await api.request('POST', `/api/v1/agent/conversations/${c.conversation.id}/claim`, { token: agentToken })).status).toBe(200);
    expect((await api.request('POST', `/api/v1/agent/conversations/${c.conversation.id}/messages`, { token: agentToken, json: { text: 'Ik heb het retourlabel gemaild.' } })).status).toBe(202);
    await eventually(async () => (await transcript(c)).some((m) => m.text === 'Ik heb het retourlabel gemaild.'));
    expect((await api.request('POST', `/api/v1/agent/conversations/${c.conversation.id}/close`, { token: agentToken })).status).toBe(200);
    return c;
  }

  it('sends a closed conversation to HubSpot as a note on a new contact, and to the webhook signed, with the AI marked', async () => {
    const c = await servedAndClosed({ name: 'Jan de Vries', email: 'jan.devries@example.test' });
    const contact = await eventually(async () => [...hubspot.contacts.values()].find((x) => x.properties['email'] === 'jan.devries@example.test'));
    expect(contact.properties).toMatchObject({ firstname: 'Jan', lastname: 'de Vries' });
    const [note] = await eventually(async () => {
      const notes = hubspot.notesOf(contact.id);
      return notes.length > 0 && notes;
    });
    expect(note!.body).toContain('<strong>Customer</strong>');
    expect(note!.body).toContain('Hoe kan ik iets retourneren?');
    expect(note!.body).toContain('<strong>AI assistant</strong>');
    expect(note!.body).toMatch(/<strong>\w+ \(agent\)<\/strong>.*<br>Ik heb het retourlabel gemaild\./);

    const [delivery] = await eventually(async () => {
      const d = webhook.accepted('conversation.closed').filter((x) => (x.body['conversation'] as { id: string }).id === c.conversation.id);
      return d.length > 0 && d;
    });
    expect(delivery!.signatureValid).toBe(true);
    expect(delivery!.body).toMatchObject({
      type: 'conversation.closed',
      deliveryId: expect.any(String),
      tenantId: 'default',
      conversation: { id: c.conversation.id, channel: 'web', locale: 'nl' },
      contact: { displayName: 'Jan de Vries', email: 'jan.devries@example.test' },
    });
    const messages = delivery!.body['messages'] as { author: { type: string }; aiGenerated: boolean; text: string }[];
    expect(messages.find((m) => m.author.type === 'ai' && m.text.length > 40)?.aiGenerated).toBe(true);
    expect(messages.some((m) => m.author.type === 'agent' && m.text === 'Ik heb het retourlabel gemaild.' && !m.aiGenerated)).toBe(true);

    // On the evidence log, per adapter.
    await eventually(async () => {
      const { rows } = await sql.query<{ adapter: string }>(`SELECT details->>'adapter' AS adapter FROM audit_log WHERE action = 'crm.synced' AND conversation_id = $1 AND details->>'outcome' = 'ok'`, [c.conversation.id]);
      return rows.map((r) => r.adapter).sort().join() === 'hubspot,webhook';
    });
  }, 60_000);

  it('puts the note on a contact HubSpot already has (found by e-mail) instead of creating one', async () => {
    const existing = hubspot.seedContact({ email: 'bestaand@example.test', firstname: 'Els' });
    const before = hubspot.contacts.size;
    await servedAndClosed({ name: 'Els Bakker', email: 'Bestaand@Example.test' });
    await eventually(async () => hubspot.notesOf(existing).length === 1);
    expect(hubspot.contacts.size).toBe(before);
  }, 60_000);

  it("sends an anonymous chat to the webhook only (HubSpot has nothing to attach it to), and retries HubSpot's 429 after its Retry-After", async () => {
    const anonymous = await servedAndClosed({});
    await eventually(async () => webhook.accepted('conversation.closed').some((d) => (d.body['conversation'] as { id: string }).id === anonymous.conversation.id));
    expect((await eventually(async () => (await sql.query(`SELECT status, last_error FROM crm_syncs WHERE conversation_id = $1 AND adapter = 'hubspot' AND status = 'done'`, [anonymous.conversation.id])).rows[0])).last_error).toMatch(/no e-mail address or phone number/);

    hubspot.failNext({ status: 429, retryAfterSeconds: 1 });
    const started = Date.now();
    await servedAndClosed({ name: 'Piet Pieters', email: 'piet@example.test' });
    const piet = await eventually(async () => [...hubspot.contacts.values()].find((x) => x.properties['email'] === 'piet@example.test'), 15_000);
    await eventually(async () => hubspot.notesOf(piet.id).length === 1);
    const throttled = hubspot.requests.findIndex((r) => r.status === 429);
    expect(throttled).toBeGreaterThanOrEqual(0);
    expect(Date.now() - started).toBeGreaterThanOrEqual(1_000);
  }, 60_000);

  it('marks a sync failed with the reason after CRM_SYNC_MAX_ATTEMPTS, on the evidence log, and goes on with others', async () => {
    webhook.failNext(500, 500, 500);
    const c = await servedAndClosed({ name: 'Fout Geval', email: 'fout@example.test' });
    const failed = await eventually(async () => (await sql.query(`SELECT attempts, last_error FROM crm_syncs WHERE conversation_id = $1 AND adapter = 'webhook' AND status = 'failed'`, [c.conversation.id])).rows[0], 20_000);
    expect(failed).toMatchObject({ attempts: 3, last_error: expect.stringMatching(/^500: the webhook answered HTTP 500/) });
    await eventually(async () => (await sql.query(`SELECT 1 FROM audit_log WHERE action = 'crm.synced' AND conversation_id = $1 AND details->>'outcome' = 'failed'`, [c.conversation.id])).rowCount === 1);
    // HubSpot got it all the same.
    await eventually(async () => [...hubspot.contacts.values()].some((x) => x.properties['email'] === 'fout@example.test'));
  }, 60_000);

  it('erases a person from HubSpot (notes deleted, the contact Pegamento made GDPR-deleted, one that was there before kept) and tells the webhook', async () => {
    const ida = await servedAndClosed({ name: 'Ida Wissen', email: 'ida@example.test' });
    const contact = await eventually(async () => [...hubspot.contacts.values()].find((x) => x.properties['email'] === 'ida@example.test'));
    await eventually(async () => hubspot.notesOf(contact.id).length === 1);
    const [note] = hubspot.notesOf(contact.id);
    await eventually(async () => webhook.accepted('conversation.closed').some((d) => (d.body['conversation'] as { id: string }).id === ida.conversation.id));
    const preexisting = [...hubspot.contacts.values()].find((x) => x.properties['email'] === 'bestaand@example.test')!;
    const preexistingNotes = hubspot.notesOf(preexisting.id).map((n) => n.id);

    for (const email of ['ida@example.test', 'bestaand@example.test']) {
      const erase = await api.request<{ erased: Record<string, number> }>('POST', '/api/v1/privacy/subjects/erase', { token: adminToken, json: { email } });
      expect(erase.status).toBe(202);
      expect(erase.body.erased['crm_records']).toBeGreaterThanOrEqual(1);
    }
    await eventually(async () => !hubspot.contacts.has(contact.id) && !hubspot.notes.has(note!.id), 15_000);
    expect(hubspot.purged).toContain(contact.id);
    await eventually(async () => preexistingNotes.every((n) => !hubspot.notes.has(n)), 15_000);
    expect(hubspot.contacts.has(preexisting.id)).toBe(true);
    expect(hubspot.purged).not.toContain(preexisting.id);

    const erased = await eventually(async () => webhook.accepted('contact.erased').find((d) => (d.body['conversationIds'] as string[]).includes(ida.conversation.id)), 15_000);
    expect(erased.signatureValid).toBe(true);
    expect(JSON.stringify(erased.body)).not.toMatch(/ida@example\.test|Ida Wissen/);
    // Nothing of theirs is left in the queue or the records: ids only, and those are gone.
    expect((await sql.query(`SELECT 1 FROM crm_records WHERE conversation_id = $1`, [ida.conversation.id])).rowCount).toBe(0);
    await eventually(async () => (await sql.query(`SELECT 1 FROM audit_log WHERE action = 'crm.erased' AND details->>'outcome' = 'ok'`)).rowCount! >= 2);
  }, 90_000);

  it('deletes again what HubSpot created while the person was being erased (the erasure could not know it yet)', async () => {
    // Search and create answer at once; the note only after the erasure went through.
    hubspot.failNext({ delayMs: 0 }, { delayMs: 0 }, { delayMs: 1_500 });
    const c = await servedAndClosed({ name: 'Laat Gewist', email: 'laat@example.test' });
    const contact = await eventually(async () => [...hubspot.contacts.values()].find((x) => x.properties['email'] === 'laat@example.test'));
    await eventually(async () => (await sql.query(`SELECT 1 FROM crm_records WHERE object_type = 'contact' AND external_id = $1`, [contact.id])).rowCount === 1);
    const erase = await api.request('POST', '/api/v1/privacy/subjects/erase', { token: adminToken, json: { email: 'laat@example.test' } });
    expect(erase.status).toBe(202);
    // The note arrives after the erasure; the worker finds the conversation gone and queues its deletion itself.
    const late = await eventually(async () => (await sql.query<{ refs: { notes: string[] } }>(`SELECT refs FROM crm_syncs WHERE kind = 'erasure' AND source_id LIKE 'late:%' AND refs->'conversationIds' ? $1`, [c.conversation.id])).rows[0], 10_000);
    expect(late.refs.notes).toHaveLength(1);
    await eventually(async () => !hubspot.contacts.has(contact.id) && !hubspot.notes.has(late.refs.notes[0]!), 15_000);
    expect(hubspot.purged).toContain(contact.id);
  }, 60_000);

  describe('customer context from the back office', () => {
    it("gives agents the customer's orders by e-mail, with only the known fields", async () => {
      backoffice.seed('klant@example.test', { customerId: 'K-77', orders: [{ id: '#9001', status: 'Onderweg', date: '2026-11-27', summary: 'Winterjas', margin: 31 }], contracts: [] });
      const c = await open({ name: 'Klant Met Order', email: 'klant@example.test' });
      const r = await api.request<{ available: boolean; context: Record<string, unknown> | null }>('GET', `/api/v1/crm/conversations/${c.conversation.id}/context`, { token: agentToken });
      expect(r.status).toBe(200);
      expect(r.body).toEqual({ available: true, context: { customerId: 'K-77', orders: [{ id: '#9001', status: 'Onderweg', date: '2026-11-27', summary: 'Winterjas' }], contracts: [] } });
      expect(backoffice.requests.at(-1)!.authorization).toBe(`Bearer ${BACKOFFICE_TOKEN}`);
      // An anonymous chat has no one to look up.
      const anonymous = await open({});
      expect((await api.request('GET', `/api/v1/crm/conversations/${anonymous.conversation.id}/context`, { token: agentToken })).body).toEqual({ available: true, context: null });
    });

    it('never reads orders out to a web chat, whose e-mail address anyone can type', async () => {
      const c = await open({ name: 'Klant Met Order', email: 'klant@example.test' });
      const before = backoffice.requests.length;
      await say(c, 'Waar is mijn bestelling?');
      const answer = await eventually(async () => (await transcript(c)).find((m) => m.author.type === 'ai' && m.direction === 'outbound' && !m.text.startsWith('Hoi')));
      expect(answer.text).not.toContain('#9001');
      expect(backoffice.requests.length).toBe(before);
    });

    it('answers 502 with the reason when the back office is slow or broken, 404 for another tenant, 401 without a token', async () => {
      const c = await open({ name: 'Klant', email: 'traag@example.test' });
      backoffice.answerNext({ hang: true });
      const slow = await api.request<{ error: { code: string; message: string } }>('GET', `/api/v1/crm/conversations/${c.conversation.id}/context`, { token: agentToken });
      expect(slow.status).toBe(502);
      expect(slow.body.error).toMatchObject({ code: 'backoffice_unavailable', message: expect.stringMatching(/did not answer within 500 ms/) });
      backoffice.answerNext({ status: 500 });
      expect((await api.request('GET', `/api/v1/crm/conversations/${c.conversation.id}/context`, { token: agentToken })).status).toBe(502);

      const other = await service.app.get(AccessTokenService).sign({ userId: '00000000-0000-4000-8000-000000000001', tenantId: 'another-shop', role: 'agent', displayName: 'Intruder' });
      const before = backoffice.requests.length;
      expect((await api.request('GET', `/api/v1/crm/conversations/${c.conversation.id}/context`, { token: other })).status).toBe(404);
      expect((await api.request('GET', `/api/v1/crm/conversations/${c.conversation.id}/context`)).status).toBe(401);
      expect((await api.request('GET', `/api/v1/crm/conversations/not-a-uuid/context`, { token: agentToken })).status).toBe(404);
      expect(backoffice.requests.length).toBe(before);
    });
  });
});
