import { DataSource } from 'typeorm';
import { TOPICS } from '@pegamento/contracts';
import { EVENT_BUS, EventSealer, type EventBus } from '@pegamento/data-access-bus';
import { emailIndex, phoneIndex } from '@pegamento/data-access-conversations';
import { startService, type RunningService } from '@pegamento/feature-platform';
import { verifyAuditChain } from '@pegamento/policy-data-access';
import { RetentionJob } from '@pegamento/policy-feature-privacy';
import { standalone } from '@pegamento/standalone-composition';
import { fieldKeyRing, isCiphertext } from '@pegamento/util-crypto';
import { createTestDatabase, eventually, type TestDatabase } from '@pegamento/util-testing';
import { ContractClient, type ConversationShape, type MessageShape } from './support/contract-client';
import { SEED_USERS } from './support/conversation-contract';

type Opened = { conversation: ConversationShape; token: string; messages: MessageShape[] };

/** The person whose data is exported and erased, and the values that must vanish from every store. */
const JAN = { name: 'Jan Jansen', email: 'jan.jansen@example.test', phone: '+31 6 1234 5678', phoneDigits: '612345678', iban: 'NL91ABNA0417164300' };
const PIET = { name: 'Piet Pieters', email: 'piet.pieters@example.test' };

describe('data-subject rights and retention (R19, R20)', () => {
  let db: TestDatabase;
  let service: RunningService;
  let api: ContractClient;
  let dataSource: DataSource;
  let admin: string;
  /** Every message the bus carried, as it travelled: what Kafka's log would keep. */
  const wire: { key: string; value: string }[] = [];

  beforeAll(async () => {
    db = await createTestDatabase();
    service = await startService(standalone, {
      LOG_LEVEL: 'silent',
      PORT: '0',
      DATABASE_URL: db.url,
      JWT_SECRET: 'a-privacy-suite-secret-long-enough-for-hs256',
      RETENTION_INTERVAL_MS: '0',
      ...SEED_USERS,
    });
    api = new ContractClient(service.url);
    dataSource = service.app.get(DataSource);
    admin = (await api.request<{ accessToken: string }>('POST', '/api/v1/auth/login', { json: { email: SEED_USERS.SEED_ADMIN_EMAIL, password: SEED_USERS.SEED_ADMIN_PASSWORD } })).body.accessToken;
    await service.app.get<EventBus>(EVENT_BUS).subscribe({
      groupId: 'wire-tap',
      topics: Object.values(TOPICS),
      broadcast: true,
      handle: async (m) => void wire.push({ key: m.key, value: m.value }),
    });
  }, 120_000);
  afterAll(async () => {
    await service?.stop();
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
  /** Waits until the platform has answered every customer message (no work in flight for the conversation). */
  async function settled(c: Opened, replies: number): Promise<void> {
    await eventually(async () => {
      const { messages } = (await api.request<{ messages: MessageShape[] }>('GET', `/api/v1/web/conversations/${c.conversation.id}/messages`, { token: c.token })).body;
      return messages.filter((m) => m.direction === 'outbound').length >= replies;
    });
    await eventually(async () => ((await dataSource.query(`SELECT count(*)::int AS n FROM outbox WHERE published_at IS NULL`)) as [{ n: number }])[0].n === 0);
  }

  /**
   * Every text-like column of every table in the database that holds `value` (or, for
   * digits, the digits in any notation): in clear, and inside every encrypted value
   * (`enc:v1:…`, decrypted with the running app's keys for its table and column, ADR 0015).
   */
  async function findEverywhere(value: string, digitsOnly = false): Promise<string[]> {
    const columns = (await dataSource.query(
      `SELECT table_name, column_name, data_type FROM information_schema.columns
        WHERE table_schema = 'public' AND data_type IN ('text', 'character varying', 'jsonb', 'json', 'ARRAY', 'bytea')`,
    )) as { table_name: string; column_name: string; data_type: string }[];
    const ring = fieldKeyRing();
    const needle = digitsOnly ? value : value.toLowerCase();
    const holds = (text: string) => (digitsOnly ? text.replace(/\D/g, '') : text.toLowerCase()).includes(needle);
    const hits: string[] = [];
    for (const { table_name, column_name, data_type } of columns) {
      const text = data_type === 'jsonb' ? `(CASE WHEN jsonb_typeof("${column_name}") = 'string' THEN "${column_name}" #>> '{}' ELSE "${column_name}"::text END)` : `"${column_name}"::text`;
      const expression = digitsOnly ? `regexp_replace(${text}, '\\D', '', 'g') LIKE '%' || $1 || '%'` : `${text} ILIKE '%' || $1 || '%'`;
      const [{ n }] = (await dataSource.query(`SELECT count(*)::int AS n FROM "${table_name}" WHERE ${expression}`, [value])) as [{ n: number }];
      // Decrypted: every ciphertext of the column, read with the app's key ring.
      const encrypted = (await dataSource.query(`SELECT ${text} AS v FROM "${table_name}" WHERE left(${text}, 7) = 'enc:v1:'`)) as { v: string }[];
      const inside = encrypted.filter((row) => isCiphertext(row.v) && holds(ring.decrypt(row.v, `${table_name}.${column_name}`))).length;
      if (n > 0) hits.push(`${table_name}.${column_name} (${n})`);
      if (inside > 0) hits.push(`${table_name}.${column_name} encrypted (${inside})`);
    }
    return hits;
  }

  /** Tables and columns holding one of these blind-index values (the keyed look-up indexes of e-mail addresses and phone numbers). */
  async function findBlindIndexes(values: string[]): Promise<string[]> {
    const columns = (await dataSource.query(
      `SELECT table_name, column_name FROM information_schema.columns WHERE table_schema = 'public' AND (column_name LIKE '%bidx' OR column_name = 'bidx')`,
    )) as { table_name: string; column_name: string }[];
    const hits: string[] = [];
    for (const { table_name, column_name } of columns) {
      const [{ n }] = (await dataSource.query(`SELECT count(*)::int AS n FROM "${table_name}" WHERE "${column_name}" = ANY($1::text[])`, [values])) as [{ n: number }];
      if (n > 0) hits.push(`${table_name}.${column_name} (${n})`);
    }
    return hits;
  }

  it('exports everything about a person, then erases it from every table so that no value of theirs is left anywhere', async () => {
    const first = await open({ name: JAN.name, email: JAN.email });
    await say(first, `Mijn telefoonnummer is 06-12345678 en mijn IBAN ${JAN.iban}. Hoe kan ik iets retourneren?`);
    await settled(first, 2);
    const second = await open({ name: JAN.name, email: JAN.email });
    await say(second, 'Ik wil een medewerker spreken over mijn bestelling.');
    await settled(second, 2);
    // A conversation opened without details, in which Jan typed his e-mail address himself.
    const anonymous = await open({});
    await say(anonymous, `Bel me terug op ${JAN.phone}, of mail ${JAN.email}.`);
    await settled(anonymous, 2);
    const other = await open({ name: PIET.name, email: PIET.email });
    await say(other, 'Wat zijn jullie openingstijden?');
    await settled(other, 2);

    const byEmail = await api.request<{ contacts: { email: string }[]; conversations: { id: string; messages: MessageShape[]; handoffRequests: unknown[]; evidence: { action: string }[] }[] }>(
      'GET',
      `/api/v1/privacy/subjects/export?email=${encodeURIComponent(JAN.email.toUpperCase())}`,
      { token: admin },
    );
    expect(byEmail.status).toBe(200);
    expect(byEmail.body.contacts.map((c) => c.email)).toEqual([JAN.email, JAN.email]);
    expect(byEmail.body.conversations.map((c) => c.id).sort()).toEqual([first.conversation.id, second.conversation.id, anonymous.conversation.id].sort());
    const exportedTexts = byEmail.body.conversations.flatMap((c) => c.messages.map((m) => `${m.author.type}: ${m.text}`));
    expect(exportedTexts).toEqual(expect.arrayContaining([expect.stringContaining(`customer: Mijn telefoonnummer is 06-12345678`), expect.stringMatching(/^ai: /)]));
    expect(byEmail.body.conversations.find((c) => c.id === second.conversation.id)!.handoffRequests).toHaveLength(1);
    expect(byEmail.body.conversations.flatMap((c) => c.evidence.map((e) => e.action))).toContain('disclosure.shown');
    expect(JSON.stringify(byEmail.body)).not.toContain(PIET.email);
    const byPhone = await api.request<{ conversations: { id: string }[] }>('GET', `/api/v1/privacy/subjects/export?phone=${encodeURIComponent('0031612345678')}`, { token: admin });
    expect(byPhone.body.conversations.map((c) => c.id).sort()).toEqual([first.conversation.id, anonymous.conversation.id].sort());

    for (const value of [JAN.email, JAN.name, JAN.iban]) expect(await findEverywhere(value)).not.toEqual([]);
    expect(await findEverywhere(JAN.phoneDigits, true)).not.toEqual([]);
    // At rest, the contact's details and the texts are ciphertext: found only by decrypting.
    expect(await findEverywhere(JAN.email)).toEqual(expect.arrayContaining([expect.stringMatching(/^contacts\.email encrypted/), expect.stringMatching(/^messages\.text encrypted/)]));
    expect((await findEverywhere(JAN.email)).filter((hit) => /^(contacts|messages|contact_channel_identities)\.\w+ \(/.test(hit))).toEqual([]);
    const janIndexes = [emailIndex('default', JAN.email), phoneIndex('default', JAN.phone)];
    expect(await findBlindIndexes(janIndexes)).toEqual(expect.arrayContaining([expect.stringMatching(/^contacts\.email_bidx/), expect.stringMatching(/^message_identifiers\.bidx/)]));

    const erase = await api.request<{ erased: Record<string, number>; notes: string[] }>('POST', '/api/v1/privacy/subjects/erase', { token: admin, json: { email: JAN.email, phone: JAN.phone } });
    expect(erase.status).toBe(202);
    expect(erase.body.erased).toMatchObject({ conversations: 3, contacts: 2 });
    expect(erase.body.erased['messages']).toBeGreaterThanOrEqual(6);
    expect(erase.body.erased['handoff_requests']).toBeGreaterThanOrEqual(1);
    expect(erase.body.erased['audit_log.details']).toBeGreaterThan(0);
    expect(erase.body.notes.join(' ')).toMatch(/Kafka.*sealed/);
    expect(erase.body.erased['event_keys']).toBe(3);

    // The event log: Jan's values never travelled readable, and after the erasure no copy of
    // his conversations' events opens any more, in no process (crypto-shredding, ADR 0018).
    const janConversations = [first, second, anonymous].map((c) => c.conversation.id);
    const janCopies = wire.filter((m) => janConversations.includes(m.key));
    expect(janCopies.length).toBeGreaterThanOrEqual(12);
    for (const { value } of wire) expect(value.toLowerCase()).not.toMatch(/jan\.jansen@example\.test|jan jansen|nl91abna0417164300|612345678/);
    const anotherProcess = new EventSealer(fieldKeyRing(), 100);
    for (const copy of janCopies) expect(await anotherProcess.open(dataSource, copy.key, copy.value)).toEqual({ kind: 'shredded' });
    const pietCopy = wire.find((m) => m.key === other.conversation.id)!;
    expect(await anotherProcess.open(dataSource, pietCopy.key, pietCopy.value)).toMatchObject({ kind: 'open' });

    // Every table and column of the database, searched for each of Jan's values.
    for (const value of [JAN.email, JAN.name, JAN.iban]) expect({ value, hits: await findEverywhere(value) }).toEqual({ value, hits: [] });
    expect(await findEverywhere(JAN.phoneDigits, true)).toEqual([]);
    expect(await findBlindIndexes(janIndexes)).toEqual([]);
    expect(erase.body.erased['message_identifiers']).toBeGreaterThanOrEqual(2);
    // Nothing of his comes back through the API either.
    const after = await api.request<{ contacts: unknown[]; conversations: unknown[] }>('GET', `/api/v1/privacy/subjects/export?email=${encodeURIComponent(JAN.email)}`, { token: admin });
    expect(after.body).toMatchObject({ contacts: [], conversations: [] });
    expect((await api.request('GET', `/api/v1/web/conversations/${first.conversation.id}/messages`, { token: first.token })).status).toBe(404);
    // Someone else's data stays, and the evidence log still verifies with the details emptied.
    expect((await api.request<{ messages: MessageShape[] }>('GET', `/api/v1/web/conversations/${other.conversation.id}/messages`, { token: other.token })).body.messages.length).toBeGreaterThanOrEqual(3);
    expect(await findEverywhere(PIET.email)).not.toEqual([]);
    expect((await verifyAuditChain(dataSource)).problems).toEqual([]);
    const erasures = await eventually(async () => {
      const rows = (await dataSource.query(`SELECT actor_type, details FROM audit_log WHERE action = 'privacy.subject.erased'`)) as { actor_type: string; details: Record<string, number> }[];
      return rows.length > 0 && rows;
    });
    expect(erasures[0]!).toMatchObject({ actor_type: 'admin', details: { conversations: 3, contacts: 2 } });
  });

  it('masks a BSN and health data before storing them, everywhere, and still hands the medical topic to a person', async () => {
    const c = await open({});
    const sent = await api.request<{ message: MessageShape }>('POST', `/api/v1/web/conversations/${c.conversation.id}/messages`, {
      token: c.token,
      json: { text: 'Mijn BSN is 111222333 en ik heb diabetes, kan de bezorger aanbellen?' },
    });
    expect(sent.status).toBe(202);
    expect(sent.body.message.text).toBe('Mijn BSN is [BSN verwijderd] en ik heb [gezondheidsgegevens verwijderd], kan de bezorger aanbellen?');
    await eventually(async () => (await api.request<{ conversation: ConversationShape }>('GET', `/api/v1/web/conversations/${c.conversation.id}`, { token: c.token })).body.conversation.status === 'waiting_for_agent');
    await eventually(async () => ((await dataSource.query(`SELECT count(*)::int AS n FROM outbox WHERE published_at IS NULL`)) as [{ n: number }])[0].n === 0);
    // Not in any table, decrypted or not, and not in the agent's view.
    expect(await findEverywhere('111222333', true)).toEqual([]);
    expect(await findEverywhere('diabetes')).toEqual([]);
    const agent = (await api.request<{ accessToken: string }>('POST', '/api/v1/auth/login', { json: { email: SEED_USERS.SEED_AGENT_EMAIL, password: SEED_USERS.SEED_AGENT_PASSWORD } })).body.accessToken;
    const view = await api.request<{ messages: MessageShape[] }>('GET', `/api/v1/agent/conversations/${c.conversation.id}/messages`, { token: agent });
    expect(JSON.stringify(view.body)).not.toMatch(/111222333|diabetes/);
    expect(view.body.messages.map((m) => m.text)).toContain(sent.body.message.text);

    // With a legal basis for the BSN recorded, the BSN is kept (health data still is not).
    const settings = (await api.request<{ settings: Record<string, unknown> }>('GET', '/api/v1/admin/tenant/settings', { token: admin })).body.settings;
    expect((await api.request('PUT', '/api/v1/admin/tenant/settings', { token: admin, json: { ...settings, legalBasis: { bsn: 'Zvw art. 87', specialCategories: null } } })).status).toBe(200);
    const kept = await api.request<{ message: MessageShape }>('POST', `/api/v1/web/conversations/${c.conversation.id}/messages`, { token: c.token, json: { text: 'Nogmaals: 111222333, en ik ben zwanger.' } });
    expect(kept.body.message.text).toBe('Nogmaals: 111222333, en ik ben [gezondheidsgegevens verwijderd].');
    expect((await api.request('PUT', '/api/v1/admin/tenant/settings', { token: admin, json: settings })).status).toBe(200);
  });

  it('refuses a subject that is missing or not a phone number, with a clear 4xx', async () => {
    expect((await api.request('GET', '/api/v1/privacy/subjects/export', { token: admin })).status).toBe(400);
    expect((await api.request('POST', '/api/v1/privacy/subjects/erase', { token: admin, json: {} })).status).toBe(400);
    const badPhone = await api.request<{ error: { code: string; message: string } }>('POST', '/api/v1/privacy/subjects/erase', { token: admin, json: { phone: '12345' } });
    expect(badPhone.status).toBe(422);
    expect(badPhone.body.error.code).toBe('invalid_subject');
    expect((await api.request('POST', '/api/v1/privacy/subjects/erase', { token: admin, json: { email: 'not-an-email' } })).status).toBe(400);
  });

  it('erases conversations past the retention, writes a proof record, and keeps recent ones', async () => {
    const old = await open({ name: 'Oude Klant', email: 'oud@example.test' });
    await say(old, 'Een vraag van lang geleden.');
    await settled(old, 2);
    const recent = await open({ name: 'Nieuwe Klant', email: 'nieuw@example.test' });
    await say(recent, 'Een vraag van vandaag.');
    await settled(recent, 2);
    // Make the old conversation 400 days old (past the default 365).
    await dataSource.query(`UPDATE conversations SET updated_at = now() - interval '400 days', created_at = now() - interval '400 days' WHERE id = $1`, [old.conversation.id]);
    await dataSource.query(`UPDATE contacts SET updated_at = now() - interval '400 days' WHERE email_bidx = $1`, [emailIndex('default', 'oud@example.test')]);
    // An evidence row from back then (the log refuses updates, so it is written old rather than aged).
    await dataSource.query(
      `INSERT INTO audit_log (tenant_id, conversation_id, action, actor_type, details, occurred_at) VALUES ('default', $1, 'escalation.requested', 'system', '{"trigger": "button"}', now() - interval '400 days')`,
      [old.conversation.id],
    );

    const run = await api.request<{ run: { retentionDays: number; erased: Record<string, number>; cutoff: string } }>('POST', '/api/v1/privacy/retention/run', { token: admin });
    expect(run.status).toBe(200);
    expect(run.body.run.retentionDays).toBe(365);
    expect(run.body.run.erased).toMatchObject({ conversations: 1, contacts: 1 });
    expect(run.body.run.erased['messages']).toBeGreaterThanOrEqual(3);
    expect(run.body.run.erased['audit_log.details']).toBeGreaterThanOrEqual(1);
    expect(await findEverywhere('oud@example.test')).toEqual([]);
    expect(await findEverywhere('Een vraag van lang geleden')).toEqual([]);
    expect((await api.request('GET', `/api/v1/web/conversations/${recent.conversation.id}`, { token: recent.token })).status).toBe(200);

    const runs = await api.request<{ runs: { id: string; erased: Record<string, number> }[] }>('GET', '/api/v1/privacy/retention/runs', { token: admin });
    expect(runs.body.runs[0]).toMatchObject({ erased: run.body.run.erased });
    await eventually(async () => ((await dataSource.query(`SELECT 1 FROM audit_log WHERE action = 'retention.run'`)) as unknown[]).length > 0);

    // One run at a time: while one goes, another asks get nothing back (409 over HTTP), never that run's records.
    const job = service.app.get(RetentionJob);
    const going = job.runAll();
    await expect(job.runAll('default')).resolves.toEqual([]);
    await going;

    // A tenant's own, shorter retention applies instead of RETENTION_DAYS.
    const settings = (await api.request<{ settings: Record<string, unknown> }>('GET', '/api/v1/admin/tenant/settings', { token: admin })).body.settings;
    expect((await api.request('PUT', '/api/v1/admin/tenant/settings', { token: admin, json: { ...settings, retentionDays: 30 } })).status).toBe(200);
    await dataSource.query(`UPDATE conversations SET updated_at = now() - interval '40 days' WHERE id = $1`, [recent.conversation.id]);
    const shorter = await api.request<{ run: { retentionDays: number; erased: Record<string, number> } }>('POST', '/api/v1/privacy/retention/run', { token: admin });
    expect(shorter.body.run).toMatchObject({ retentionDays: 30, erased: { conversations: 1 } });
    expect((await api.request('GET', `/api/v1/web/conversations/${recent.conversation.id}`, { token: recent.token })).status).toBe(404);
    expect((await verifyAuditChain(dataSource)).problems).toEqual([]);
  });
});
