import fc from 'fast-check';
import { Client } from 'pg';
import { addressIndex, decryptStored } from '@pegamento/data-access-conversations';
import { FakeBackoffice } from '@pegamento/data-access-backoffice/testing';
import { startService, type RunningService } from '@pegamento/feature-platform';
import { FakeTwilioServer, NOT_COMPLETE_YET, signedTwilioRequest, twilioSid, type FakeTwilioMessage } from '@pegamento/gateway-messaging-data-access-twilio/testing';
import { standalone } from '@pegamento/standalone-composition';
import { createTestDatabase, eventually, type TestDatabase } from '@pegamento/util-testing';
import { ContractClient, type ConversationShape, type MessageShape } from './support/contract-client';
import { SEED_USERS } from './support/conversation-contract';

/**
 * SMS and WhatsApp through Twilio, end to end: the standalone process with TWILIO_* set,
 * webhooks signed by the `twilio` library's own signing, and replies arriving at a local
 * server that speaks Twilio's Messages API (the real SDK sends them there).
 */
const ACCOUNT_SID = twilioSid('AC');
const AUTH_TOKEN = 'an-e2e-twilio-auth-token-0123456789';
/** What Twilio was given and signs; the requests themselves go to 127.0.0.1 (as behind a proxy). */
const PUBLIC_BASE_URL = 'https://pegamento.example.test';
const SMS_FROM = '+3197010203040';
const WHATSAPP_NUMBER = '+3197010203041';
const CONTENT_SID = twilioSid('HX');
const TEMPLATES = {
  follow_up: { contentSid: CONTENT_SID, text: 'Hoi {{1}}, we hebben nieuws over je vraag. Reageer op dit bericht om verder te praten.' },
  plain_reminder: { text: 'We hebben nog een vraag voor je. Reageer op dit bericht om verder te praten.' },
};
/** Limits this system runs with, so the tests can check them. */
const LIMITS = {
  TWILIO_SEND_MAX_ATTEMPTS: '3',
  TWILIO_SEND_RETRY_BASE_MS: '100',
  TWILIO_SEND_RETRY_MAX_MS: '3000',
  TWILIO_SEND_POLL_INTERVAL_MS: '50',
  TWILIO_SEND_TIMEOUT_MS: '2000',
  TWILIO_DELETE_MAX_ATTEMPTS: '3',
  TWILIO_DELETE_RETRY_BASE_MS: '100',
  TWILIO_DELETE_RETRY_MAX_MS: '3000',
  TWILIO_WEBHOOK_BODY_LIMIT_BYTES: '8192',
  TWILIO_SMS_MAX_SEGMENTS: '3',
  WHATSAPP_WINDOW_HOURS: '24',
};

type Params = Record<string, string>;

/** The contract's Message with what SMS and WhatsApp add. */
type ChannelMessage = MessageShape & {
  deliveryStatus?: string;
  deliveryError?: { code: string; message: string };
  attachments?: { contentType: string; url: string | null; sizeBytes: number | null }[];
  segments?: number;
};

interface Transcript {
  messages: ChannelMessage[];
}

describe('SMS and WhatsApp through Twilio (standalone process)', () => {
  let db: TestDatabase;
  let sql: Client;
  let service: RunningService;
  let twilioApi: FakeTwilioServer;
  let backoffice: FakeBackoffice;
  let api: ContractClient;
  let agentToken: string;
  let nextNumber = 0;

  beforeAll(async () => {
    db = await createTestDatabase();
    twilioApi = await FakeTwilioServer.start({ accountSid: ACCOUNT_SID, authToken: AUTH_TOKEN });
    backoffice = await FakeBackoffice.start();
    service = await startService(standalone, {
      LOG_LEVEL: 'silent',
      PORT: '0',
      DATABASE_URL: db.url,
      JWT_SECRET: 'a-messaging-e2e-secret-long-enough-for-hs256',
      ...SEED_USERS,
      TWILIO_ACCOUNT_SID: ACCOUNT_SID,
      TWILIO_AUTH_TOKEN: AUTH_TOKEN,
      TWILIO_SMS_FROM: SMS_FROM,
      TWILIO_WHATSAPP_FROM: `whatsapp:${WHATSAPP_NUMBER}`,
      TWILIO_API_BASE_URL: twilioApi.url,
      PUBLIC_BASE_URL,
      WHATSAPP_TEMPLATES: JSON.stringify(TEMPLATES),
      BACKOFFICE_API_URL: backoffice.url,
      ...LIMITS,
    });
    api = new ContractClient(service.url);
    sql = new Client({ connectionString: db.url });
    await sql.connect();
    const login = await api.request<{ accessToken: string }>('POST', '/api/v1/auth/login', {
      json: { email: SEED_USERS.SEED_AGENT_EMAIL, password: SEED_USERS.SEED_AGENT_PASSWORD },
    });
    expect(login.status).toBe(200);
    agentToken = login.body.accessToken;
  }, 120_000);

  afterAll(async () => {
    await sql?.end();
    await service?.stop();
    await twilioApi?.stop();
    await backoffice?.stop();
    await db?.drop();
  });

  /** A fresh Dutch mobile number per test, so tests do not share conversations. */
  function newNumber(prefix = '+316', digits = 8): string {
    nextNumber += 1;
    return `${prefix}${String(20_000_000 + nextNumber * 7_919).slice(0, digits)}`;
  }

  /** A webhook to a path (with the query Twilio was given, if any), signed over PUBLIC_BASE_URL + that path. */
  async function postWebhook(
    path: string,
    params: Params,
    signing: { token?: string; url?: string; sign?: boolean; send?: Params } = {},
  ): Promise<{ status: number; text: string; contentType: string | null }> {
    const signed = signedTwilioRequest(signing.token ?? AUTH_TOKEN, signing.url ?? `${PUBLIC_BASE_URL}${path}`, params);
    const headers: Record<string, string> = { ...signed.headers };
    if (signing.sign === false) delete headers['x-twilio-signature'];
    const body = signing.send ? new URLSearchParams(signing.send).toString() : signed.body;
    const response = await fetch(`${service.url}${path}`, { method: 'POST', headers, body });
    return { status: response.status, text: await response.text(), contentType: response.headers.get('content-type') };
  }

  /** An inbound message as Twilio posts it; `from` is `+316…` (SMS) or `whatsapp:+316…`. */
  async function inbound(from: string, body: string, extra: Params = {}, sid = twilioSid('SM')) {
    const to = from.startsWith('whatsapp:') ? `whatsapp:${WHATSAPP_NUMBER}` : SMS_FROM;
    const result = await postWebhook('/webhooks/twilio/messaging', { AccountSid: ACCOUNT_SID, MessageSid: sid, From: from, To: to, Body: body, NumMedia: '0', ...extra });
    return { ...result, sid };
  }

  async function conversationOf(address: string): Promise<string> {
    return eventually(async () => {
      const { rows } = await sql.query<{ id: string }>(
        // Addresses are encrypted (ADR 0015): found by their blind index.
        `SELECT c.id FROM conversations c JOIN contact_channel_identities i ON i.id = c.channel_identity_id WHERE i.address_bidx = $1`,
        [addressIndex('default', address)],
      );
      return rows[0]?.id;
    }, 5_000);
  }

  async function transcript(conversationId: string): Promise<ChannelMessage[]> {
    const r = await api.request<Transcript>('GET', `/api/v1/agent/conversations/${conversationId}/messages`, { token: agentToken });
    expect(r.status).toBe(200);
    return r.body.messages;
  }

  async function conversation(conversationId: string): Promise<ConversationShape> {
    const r = await api.request<{ conversations: ConversationShape[] }>('GET', '/api/v1/agent/conversations', { token: agentToken });
    return r.body.conversations.find((c) => c.id === conversationId)!;
  }

  async function agent(method: 'claim' | 'release', conversationId: string) {
    return api.request<{ conversation: ConversationShape }>('POST', `/api/v1/agent/conversations/${conversationId}/${method}`, { token: agentToken });
  }

  async function agentSays(conversationId: string, text: string) {
    return api.request<{ message?: MessageShape; error?: { code: string; message: string } }>('POST', `/api/v1/agent/conversations/${conversationId}/messages`, {
      token: agentToken,
      json: { text },
    });
  }

  /** Nothing more reaches this address for a while (after what was expected arrived). */
  async function expectNoMoreTo(address: string, count: number, waitMs = 1_200): Promise<void> {
    await new Promise((resolve) => setTimeout(resolve, waitMs));
    expect(twilioApi.to(address).map((m) => m.body)).toHaveLength(count);
  }

  const bodies = (messages: FakeTwilioMessage[]) => messages.map((m) => m.body ?? '');

  /** After a STOP (three messages sent to `from`): START gets its confirmation, and the claimed agent's text goes out again. */
  async function expectStartResubscribes(from: string, conversationId: string): Promise<void> {
    await inbound(from, 'START');
    const [, , , started] = await twilioApi.waitFor(from, 4);
    expect(started!.body).toBe('Je krijgt weer berichten van ons. Geen berichten meer? Stuur STOP.');
    expect((await agentSays(conversationId, 'Fijn dat je er weer bent.')).status).toBe(202);
    const last = await twilioApi.waitFor(from, 5);
    expect(last[4]!.body).toBe('Sanne (medewerker): Fijn dat je er weer bent.');
  }

  describe('webhook signatures', () => {
    it('accepts a webhook signed over PUBLIC_BASE_URL and answers 200 with empty TwiML within a second', async () => {
      const from = newNumber();
      const started = Date.now();
      const r = await inbound(from, 'Hallo');
      expect(Date.now() - started).toBeLessThan(1_000);
      expect(r.status).toBe(200);
      expect(r.contentType).toMatch(/^text\/xml/);
      expect(r.text).toBe('<?xml version="1.0" encoding="UTF-8"?><Response/>');
      await conversationOf(from);
    });

    it.each([
      ['a wrong auth token', { token: 'somebody-elses-auth-token-0123456789' }],
      ['a changed parameter', { changed: true }],
      ['another URL (the Host header instead of PUBLIC_BASE_URL)', { url: 'http://127.0.0.1/webhooks/twilio/messaging' }],
      ['no X-Twilio-Signature header', { sign: false }],
    ])('refuses %s with 403 and stores nothing', async (_name, how: { token?: string; url?: string; sign?: boolean; changed?: boolean }) => {
      const from = newNumber();
      const params: Params = { AccountSid: ACCOUNT_SID, MessageSid: twilioSid('SM'), From: from, To: SMS_FROM, Body: 'Hallo', NumMedia: '0' };
      const r = await postWebhook('/webhooks/twilio/messaging', params, { ...how, send: how.changed ? { ...params, Body: 'Hallo!!' } : undefined });
      expect(r.status).toBe(403);
      expect(JSON.parse(r.text)).toEqual({ error: { code: how.sign === false ? 'missing_signature' : 'invalid_signature', message: expect.any(String) } });
      const { rows } = await sql.query(`SELECT 1 FROM contact_channel_identities WHERE address_bidx = $1`, [addressIndex('default', from)]);
      expect(rows).toHaveLength(0);
      const stored = await sql.query(`SELECT 1 FROM messages WHERE channel_message_id = $1`, [params['MessageSid']]);
      expect(stored.rows).toHaveLength(0);
    });

    it('refuses a status callback without a valid signature too', async () => {
      const r = await postWebhook('/webhooks/twilio/status', { MessageSid: twilioSid('SM'), MessageStatus: 'delivered' }, { token: 'somebody-elses-auth-token-0123456789' });
      expect(r.status).toBe(403);
    });

    it('refuses a body larger than TWILIO_WEBHOOK_BODY_LIMIT_BYTES with 413', async () => {
      const r = await inbound(newNumber(), 'x'.repeat(9_000));
      expect(r.status).toBe(413);
    });

    it('answers a signed form Twilio would not send with 400, and a JSON body with 415', async () => {
      const bad = await postWebhook('/webhooks/twilio/messaging', { AccountSid: ACCOUNT_SID, MessageSid: 'nope', From: 'someone', To: SMS_FROM });
      expect(bad.status).toBe(400);
      const json = await fetch(`${service.url}/webhooks/twilio/messaging`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-twilio-signature': 'x' },
        body: '{"Body":"hi"}',
      });
      expect(json.status).toBe(415);
    });
  });

  describe('the promises on SMS', () => {
    it('answers a signed SMS within seconds, the first reply disclosing the AI with the label and how to reach a person', async () => {
      const from = newNumber();
      expect((await inbound(from, 'Hoe lang duurt de levering?')).status).toBe(200);
      const [disclosure, answer] = await twilioApi.waitFor(from, 2, 10_000);
      expect(disclosure!.from).toBe(SMS_FROM);
      expect(disclosure!.statusCallback).toMatch(new RegExp(`^${PUBLIC_BASE_URL}/webhooks/twilio/status\\?d=[0-9a-f-]{36}$`));
      expect(disclosure!.body).toMatch(/^\[AI-assistent\] Hoi! Ik ben de AI-assistent: een computerprogramma, geen mens\./);
      expect(disclosure!.body).toContain('Stuur MENS');
      // The answer follows the AI's own disclosure: same speaker, no second label.
      expect(answer!.body).not.toMatch(/^\[AI-assistent\]/);
      const conversationId = await conversationOf(from);
      const messages = await transcript(conversationId);
      expect(messages[0]).toMatchObject({ direction: 'inbound', author: { type: 'customer' }, text: 'Hoe lang duurt de levering?' });
      expect(messages.filter((m) => m.direction === 'outbound').every((m) => m.author.type === 'ai' && m.aiGenerated)).toBe(true);
    });

    it('discloses in English to an English number ("Reply HUMAN")', async () => {
      const from = newNumber('+447700', 6);
      await inbound(from, 'What are your delivery times?');
      const [disclosure] = await twilioApi.waitFor(from, 1);
      expect(disclosure!.body).toMatch(/^\[AI assistant\] Hi! I'm the AI assistant: a computer program, not a person\./);
      expect(disclosure!.body).toContain('Reply HUMAN');
    });

    it('hands over on MENS as the first message; an agent claims and replies on SMS with name and role; release labels the AI again', async () => {
      const from = newNumber();
      await inbound(from, 'MENS');
      const conversationId = await conversationOf(from);
      await eventually(async () => (await conversation(conversationId))?.status === 'waiting_for_agent', 5_000);
      const toQueue = await twilioApi.waitFor(from, 2);
      expect(toQueue[0]!.body).toMatch(/^\[AI-assistent\]/);
      expect(toQueue[1]!.body).toMatch(/medewerker/);
      expect(toQueue[1]!.body).not.toMatch(/^\[AI-assistent\]/);

      expect((await agent('claim', conversationId)).status).toBe(200);
      const reply = await agentSays(conversationId, 'Hallo, ik help je graag verder.');
      expect(reply.status).toBe(202);
      const sent = await twilioApi.waitFor(from, 4);
      expect(sent[2]!.body).toBe('Sanne (medewerker) helpt je nu verder.');
      expect(sent[3]).toMatchObject({ from: SMS_FROM, body: 'Sanne (medewerker): Hallo, ik help je graag verder.' });

      expect((await agent('release', conversationId)).status).toBe(200);
      await twilioApi.waitFor(from, 5);
      await inbound(from, 'Hoe kan ik retourneren?');
      const after = await twilioApi.waitFor(from, 6);
      expect(after[4]!.body).toMatch(/AI-assistent/); // "Je chat nu weer met de AI-assistent"
      expect(after[5]!.body).toMatch(/^\[AI-assistent\] /);
    });

    it('hands over on HUMAN, MEDEWERKER and AGENT too, in any case', async () => {
      for (const word of ['human', 'Medewerker', 'AGENT']) {
        const from = newNumber();
        await inbound(from, word);
        const conversationId = await conversationOf(from);
        await eventually(async () => (await conversation(conversationId))?.status === 'waiting_for_agent', 5_000);
      }
    });

    it('stores a repeated MessageSid once and replies once', async () => {
      const from = newNumber();
      const sid = twilioSid('SM');
      const results = await Promise.all([1, 2, 3].map(() => inbound(from, 'Wat kost verzending?', {}, sid)));
      expect(results.map((r) => r.status)).toEqual([200, 200, 200]);
      await twilioApi.waitFor(from, 2);
      await inbound(from, 'Wat kost verzending?', {}, sid);
      await expectNoMoreTo(from, 2);
      const { rows } = await sql.query(`SELECT 1 FROM messages WHERE channel_message_id = $1`, [sid]);
      expect(rows).toHaveLength(1);
    });

    it("handles one conversation's messages in the order they came", async () => {
      const from = newNumber();
      const questions = ['Vraag een: levering?', 'Vraag twee: retour?', 'Vraag drie: betalen?', 'Vraag vier: garantie?'];
      for (const q of questions) expect((await inbound(from, q)).status).toBe(200);
      const conversationId = await conversationOf(from);
      const sent = await twilioApi.waitFor(from, 1 + questions.length, 15_000);
      const messages = await eventually(async () => {
        const all = await transcript(conversationId);
        return all.filter((m) => m.direction === 'outbound').length >= 1 + questions.length ? all : undefined;
      }, 10_000);
      expect(messages.filter((m) => m.direction === 'inbound').map((m) => m.text)).toEqual(questions);
      // Each question is followed by its answer before the next one is answered.
      const kinds = messages.map((m) => m.direction);
      expect(kinds.indexOf('inbound')).toBe(0);
      // Twilio got the outbound messages in the order the transcript has them.
      expect(bodies(sent)[0]).toMatch(/^\[AI-assistent\]/);
      expect(sent.map((m) => m.sid)).toEqual([...sent].sort((a, b) => a.receivedAt.getTime() - b.receivedAt.getTime()).map((m) => m.sid));
    });

    it('STOP (and the Dutch AFMELDEN) silence the number: one confirmation, then nothing, agents refused with 409; START resubscribes', async () => {
      const from = newNumber();
      await inbound(from, 'Hoe lang duurt de levering?');
      await twilioApi.waitFor(from, 2);
      await inbound(from, 'STOP');
      const [, , confirmation] = await twilioApi.waitFor(from, 3);
      expect(confirmation!.body).toBe('Je krijgt geen berichten meer van ons. Wil je weer berichten krijgen? Stuur START.');
      await inbound(from, 'Wat zijn de openingstijden?');
      await inbound(from, 'MENS');
      await expectNoMoreTo(from, 3);

      const conversationId = await conversationOf(from);
      const messages = await transcript(conversationId);
      expect(messages.filter((m) => m.direction === 'inbound').map((m) => m.text)).toEqual(['Hoe lang duurt de levering?', 'STOP', 'Wat zijn de openingstijden?', 'MENS']);
      await agent('claim', conversationId);
      const refused = await agentSays(conversationId, 'Mag ik je iets vragen?');
      expect(refused.status).toBe(409);
      expect(refused.body.error).toMatchObject({ code: 'customer_opted_out', message: expect.stringMatching(/STOP/) });
      // The notice that a person joined was not sent either: agents see why.
      const afterClaim = await eventually(async () => (await transcript(conversationId)).find((m) => m.author.type === 'system' && m.deliveryError), 5_000);
      expect(afterClaim.deliveryError).toMatchObject({ code: 'opted_out' });
      expect(afterClaim.deliveryStatus).toBe('failed');
      await expectNoMoreTo(from, 3, 300);

      await expectStartResubscribes(from, conversationId);

      const dutch = newNumber();
      await inbound(dutch, 'afmelden');
      await twilioApi.waitFor(dutch, 1);
      await inbound(dutch, 'Nog een vraag');
      await expectNoMoreTo(dutch, 1);
    });

    it("answers HELP with the organisation's human routes and how to stop", async () => {
      const from = newNumber();
      await inbound(from, 'HELP');
      const [help] = await twilioApi.waitFor(from, 1);
      expect(help!.body).toMatch(/^Hulp van een medewerker nodig\? Stuur MENS(, bel .+ of mail naar .+)?\. Geen berichten meer\? Stuur STOP\.$/);
      const { rows } = await sql.query<{ settings: { humanRoutes?: { phone: string | null; email: string | null } } }>(`SELECT settings FROM tenants WHERE id = 'default'`);
      const routes = rows[0]?.settings.humanRoutes;
      if (routes?.phone) expect(help!.body).toContain(routes.phone);
      if (routes?.email) expect(help!.body).toContain(routes.email);
    });

    it('splits a long text at sentence ends into SMS of at most TWILIO_SMS_MAX_SEGMENTS segments, and stores the count', async () => {
      const from = newNumber();
      await inbound(from, 'MENS');
      const conversationId = await conversationOf(from);
      await twilioApi.waitFor(from, 2);
      await agent('claim', conversationId);
      await twilioApi.waitFor(from, 3);
      const sentence = 'Je pakket is onderweg en komt morgen tussen negen en vijf uur aan.';
      const long = Array.from({ length: 12 }, () => sentence).join(' ');
      expect((await agentSays(conversationId, long)).status).toBe(202);
      const sent = await eventually(async () => {
        const all = twilioApi.to(from).slice(3);
        return all.length >= 2 && all.map((m) => m.body).join(' ').length >= long.length ? all : undefined;
      }, 10_000);
      for (const part of sent) {
        expect(part.body!.length).toBeLessThanOrEqual(3 * 153);
        expect(part.body).toMatch(/\.$/);
      }
      expect(sent.map((m) => m.body).join(' ')).toBe(`Sanne (medewerker): ${long}`);
      const stored = await eventually(async () => (await transcript(conversationId)).find((m) => m.author.type === 'agent' && m.segments), 5_000);
      expect(stored.segments).toBeGreaterThanOrEqual(sent.length);
      expect(stored.segments).toBeLessThanOrEqual(sent.length * 3);

      // One character outside GSM-7 makes it UCS-2: 70 a segment, so more segments for the same length.
      expect((await agentSays(conversationId, 'Fijne dag nog! 😊')).status).toBe(202);
      const emoji = await eventually(async () => (await transcript(conversationId)).find((m) => m.text === 'Fijne dag nog! 😊' && m.segments), 5_000);
      expect(emoji.segments).toBe(1);
    });
  });

  describe('the promises on WhatsApp', () => {
    it('answers a WhatsApp message from whatsapp:<number> with the disclosure; MENS hands over; the agent answers on WhatsApp', async () => {
      const phone = newNumber();
      const from = `whatsapp:${phone}`;
      await inbound(from, 'Hoe lang duurt de levering?');
      const [disclosure, answer] = await twilioApi.waitFor(from, 2);
      expect(disclosure!.from).toBe(`whatsapp:${WHATSAPP_NUMBER}`);
      expect(disclosure!.body).toMatch(/^\[AI-assistent\] Hoi! Ik ben de AI-assistent/);
      expect(disclosure!.body).toContain('Stuur MENS');
      expect(answer!.body!.length).toBeGreaterThan(0);

      await inbound(from, 'mens');
      const conversationId = await conversationOf(from);
      await eventually(async () => (await conversation(conversationId))?.status === 'waiting_for_agent', 5_000);
      // The queue notice first: a claim that overtakes it supersedes it (the customer hears who joined instead).
      const queued = await twilioApi.waitFor(from, 3);
      expect(queued[2]!.body).toMatch(/medewerker/);
      await agent('claim', conversationId);
      expect((await agentSays(conversationId, 'Ik kijk het voor je na.')).status).toBe(202);
      const sent = await twilioApi.waitFor(from, 5);
      expect(sent[3]!.body).toBe('Sanne (medewerker) helpt je nu verder.');
      expect(sent[4]).toMatchObject({ from: `whatsapp:${WHATSAPP_NUMBER}`, body: 'Sanne (medewerker): Ik kijk het voor je na.' });
    });

    it('matches the same phone number across SMS and WhatsApp to one contact', async () => {
      const phone = newNumber();
      await inbound(phone, 'Hallo via sms');
      await inbound(`whatsapp:${phone}`, 'Hallo via whatsapp');
      await conversationOf(`whatsapp:${phone}`);
      const { rows } = await sql.query<{ contact_id: string; phone: string }>(
        `SELECT i.contact_id, c.phone FROM contact_channel_identities i JOIN contacts c ON c.id = i.contact_id WHERE i.address_bidx IN ($1, $2)`,
        [addressIndex('default', phone), addressIndex('default', `whatsapp:${phone}`)],
      );
      expect(rows).toHaveLength(2);
      expect(new Set(rows.map((r) => r.contact_id)).size).toBe(1);
      expect(rows[0]!.phone).toMatch(/^enc:v1:/);
      expect(decryptStored('contacts.phone', rows[0]!.phone)).toBe(phone);
    });

    it('outside the 24-hour window: free text is refused with 409 naming the template route, notices are not sent, an approved template goes out', async () => {
      const phone = newNumber();
      const from = `whatsapp:${phone}`;
      await inbound(from, 'MENS');
      const conversationId = await conversationOf(from);
      await twilioApi.waitFor(from, 2);
      // The customer's last message was 25 hours ago.
      await sql.query(`UPDATE contact_channel_identities SET last_inbound_at = now() - interval '25 hours' WHERE address_bidx = $1`, [addressIndex('default', from)]);
      await sql.query(`UPDATE messages SET created_at = created_at - interval '25 hours' WHERE conversation_id = $1 AND direction = 'inbound'`, [conversationId]);

      expect((await agent('claim', conversationId)).status).toBe(200);
      const refused = await agentSays(conversationId, 'Ben je er nog?');
      expect(refused.status).toBe(409);
      expect(refused.body.error).toEqual({ code: 'whatsapp_window_closed', message: expect.stringContaining(`POST /api/v1/agent/conversations/${conversationId}/templates`) });
      const notice = await eventually(async () => (await transcript(conversationId)).find((m) => m.deliveryError?.code === 'whatsapp_window_closed'), 5_000);
      expect(notice.author.type).toBe('system');
      await expectNoMoreTo(from, 2, 300);

      const unknown = await api.request('POST', `/api/v1/agent/conversations/${conversationId}/templates`, { token: agentToken, json: { template: 'nope' } });
      expect(unknown.status).toBe(422);
      const missing = await api.request('POST', `/api/v1/agent/conversations/${conversationId}/templates`, { token: agentToken, json: { template: 'follow_up' } });
      expect(missing.status).toBe(422);
      const sent = await api.request<{ message: MessageShape }>('POST', `/api/v1/agent/conversations/${conversationId}/templates`, {
        token: agentToken,
        json: { template: 'follow_up', variables: { '1': 'Jan' } },
      });
      expect(sent.status).toBe(202);
      expect(sent.body.message.text).toBe('Hoi Jan, we hebben nieuws over je vraag. Reageer op dit bericht om verder te praten.');
      const [, , template] = await twilioApi.waitFor(from, 3);
      expect(template).toMatchObject({ contentSid: CONTENT_SID, contentVariables: { '1': 'Jan' }, body: null, from: `whatsapp:${WHATSAPP_NUMBER}` });

      // The customer answers: the window opens again and free text goes.
      await inbound(from, 'Ja, ik ben er');
      expect((await agentSays(conversationId, 'Fijn!')).status).toBe(202);
      const [, , , last] = await twilioApi.waitFor(from, 4);
      expect(last!.body).toBe('Sanne (medewerker): Fijn!');
    });

    it("STOP on WhatsApp silences that channel only (WhatsApp's policy; Twilio handles it for SMS alone); START resubscribes", async () => {
      const phone = newNumber();
      const from = `whatsapp:${phone}`;
      await inbound(from, 'Hoe lang duurt de levering?');
      await twilioApi.waitFor(from, 2);
      await inbound(from, 'Stop');
      const [, , confirmation] = await twilioApi.waitFor(from, 3);
      expect(confirmation).toMatchObject({ from: `whatsapp:${WHATSAPP_NUMBER}`, body: 'Je krijgt geen berichten meer van ons. Wil je weer berichten krijgen? Stuur START.' });
      await inbound(from, 'Wat zijn de openingstijden?');
      await expectNoMoreTo(from, 3);

      // The same number by SMS was not asked to stop.
      await inbound(phone, 'Hoe lang duurt de levering?');
      await twilioApi.waitFor(phone, 2);

      const conversationId = await conversationOf(from);
      await agent('claim', conversationId);
      const refused = await agentSays(conversationId, 'Mag ik je iets vragen?');
      expect(refused.status).toBe(409);
      expect(refused.body.error).toMatchObject({ code: 'customer_opted_out', message: expect.stringMatching(/STOP on WhatsApp/) });
      await expectNoMoreTo(from, 3, 300);
      const { rows } = await sql.query<{ action: string; reason: string }>(`SELECT action, reason FROM audit_log WHERE conversation_id = $1 AND action LIKE 'channel.opted_%'`, [conversationId]);
      expect(rows).toEqual([{ action: 'channel.opted_out', reason: 'the customer sent a WhatsApp opt-out keyword' }]);

      await expectStartResubscribes(from, conversationId);
    });

    it('refuses a template on SMS', async () => {
      const from = newNumber();
      await inbound(from, 'MENS');
      const conversationId = await conversationOf(from);
      await agent('claim', conversationId);
      const r = await api.request('POST', `/api/v1/agent/conversations/${conversationId}/templates`, { token: agentToken, json: { template: 'plain_reminder' } });
      expect(r.status).toBe(422);
      expect((r.body as { error: { code: string } }).error.code).toBe('not_whatsapp');
    });
  });

  describe('sending to Twilio', () => {
    it('tries again after a 429, not before its Retry-After', async () => {
      const from = newNumber();
      twilioApi.failNextFor(from, { status: 429, retryAfterSeconds: 1 });
      await inbound(from, 'HELP');
      const [help] = await twilioApi.waitFor(from, 1, 10_000);
      const attempts = twilioApi.requests.filter((r) => r.to === from);
      expect(attempts.map((r) => r.status)).toEqual([429, 201]);
      expect(attempts[1]!.at.getTime() - attempts[0]!.at.getTime()).toBeGreaterThanOrEqual(950);
      expect(help!.body).toMatch(/Stuur MENS/);
    });

    it('tries again after 5xx answers with back-off, and gives up after TWILIO_SEND_MAX_ATTEMPTS with the failure on the message', async () => {
      const from = newNumber();
      twilioApi.failNextFor(from, { status: 500 }, { status: 503 });
      await inbound(from, 'HELP');
      await twilioApi.waitFor(from, 1, 10_000);
      expect(twilioApi.requests.filter((r) => r.to === from).map((r) => r.status)).toEqual([500, 503, 201]);

      const failing = newNumber();
      twilioApi.failFor(failing, { status: 500 });
      try {
        await inbound(failing, 'HELP');
        const conversationId = await conversationOf(failing);
        const failed = await eventually(async () => (await transcript(conversationId)).find((m) => m.direction === 'outbound' && m.deliveryStatus === 'failed'), 10_000);
        expect(failed.deliveryError).toEqual({ code: '20500', message: expect.stringMatching(/Gave up after 3 tries/) });
        expect(twilioApi.requests.filter((r) => r.to === failing)).toHaveLength(3);
      } finally {
        twilioApi.failFor(failing, null);
      }
    });

    it('stores a permanent Twilio error (21610 unsubscribed, 63016 outside the window) on the message after one try, for agents to see', async () => {
      const sms = newNumber();
      twilioApi.failFor(sms, { status: 400, code: 21610, message: 'Attempt to send to unsubscribed recipient' });
      const wa = newNumber();
      twilioApi.failFor(`whatsapp:${wa}`, { status: 400, code: 63016, message: 'Failed to send freeform message because you are outside the allowed window.' });
      try {
        await inbound(sms, 'HELP');
        await inbound(`whatsapp:${wa}`, 'Hallo');
        for (const [address, code, text] of [
          [sms, '21610', /unsubscribed/],
          [`whatsapp:${wa}`, '63016', /24-hour window/],
        ] as const) {
          const conversationId = await conversationOf(address);
          const failed = await eventually(async () => (await transcript(conversationId)).find((m) => m.deliveryStatus === 'failed'), 10_000);
          expect(failed.deliveryError).toEqual({ code, message: expect.stringMatching(text) });
          expect(twilioApi.requests.filter((r) => r.to === address && r.status === 400).length).toBeGreaterThanOrEqual(1);
        }
        expect(twilioApi.requests.filter((r) => r.to === sms)).toHaveLength(1);
      } finally {
        twilioApi.failFor(sms, null);
        twilioApi.failFor(`whatsapp:${wa}`, null);
      }
    });

    it("updates the message's delivery status from Twilio's signed callbacks, forward only, and records a failure", async () => {
      const from = newNumber();
      await inbound(from, 'HELP');
      const [help] = await twilioApi.waitFor(from, 1);
      const conversationId = await conversationOf(from);
      // Posted where Twilio posts them: the statusCallback the message was sent with.
      const callbackPath = (m: FakeTwilioMessage) => m.statusCallback!.slice(PUBLIC_BASE_URL.length);
      const status = (MessageStatus: string, extra: Params = {}) =>
        postWebhook(callbackPath(help!), { AccountSid: ACCOUNT_SID, MessageSid: help!.sid, MessageStatus, To: from, From: SMS_FROM, ...extra });
      const notice = async () => (await transcript(conversationId)).find((m) => m.direction === 'outbound')!;
      await eventually(async () => (await notice()).deliveryStatus === 'queued', 5_000);
      expect((await status('sent')).status).toBe(200);
      expect((await notice()).deliveryStatus).toBe('sent');
      expect((await status('delivered')).status).toBe(200);
      expect((await status('sent')).status).toBe(200); // late and out of order
      expect((await notice()).deliveryStatus).toBe('delivered');

      const other = newNumber();
      await inbound(other, 'HELP');
      const [otherHelp] = await twilioApi.waitFor(other, 1);
      const otherConversation = await conversationOf(other);
      // At once, as a fast carrier might: the callback may overtake our record of the MessageSid.
      expect((await postWebhook(callbackPath(otherHelp!), { AccountSid: ACCOUNT_SID, MessageSid: otherHelp!.sid, MessageStatus: 'undelivered', ErrorCode: '30003' })).status).toBe(200);
      await eventually(async () => (await transcript(otherConversation)).find((m) => m.direction === 'outbound')?.deliveryStatus === 'undelivered', 5_000);
      const undelivered = (await transcript(otherConversation)).find((m) => m.direction === 'outbound')!;
      expect(undelivered).toMatchObject({ deliveryStatus: 'undelivered', deliveryError: { code: '30003', message: expect.stringMatching(/unreachable/) } });

      expect((await postWebhook('/webhooks/twilio/status', { AccountSid: ACCOUNT_SID, MessageSid: twilioSid('SM'), MessageStatus: 'delivered' })).status).toBe(200);
    });
  });

  describe('media', () => {
    it('records inbound media as attachments with type, URL and size, and tells the customer the assistant cannot read them', async () => {
      const from = `whatsapp:${newNumber()}`;
      const sid = twilioSid('MM');
      const [photoUrl, pdfUrl] = twilioApi.holdInbound(sid, 2, [48_213, 1_200_345]);
      await inbound(from, '', { NumMedia: '2', MediaUrl0: photoUrl!, MediaContentType0: 'image/jpeg', MediaUrl1: pdfUrl!, MediaContentType1: 'application/pdf' }, sid);
      const [disclosure, notice] = await twilioApi.waitFor(from, 2);
      expect(disclosure!.body).toMatch(/^\[AI-assistent\]/);
      expect(notice!.body).toMatch(/foto's en bestanden niet bekijken/);
      await expectNoMoreTo(from, 2, 500);
      const conversationId = await conversationOf(from);
      // Twilio's webhook has no size: it is asked afterwards, at the media URL (the first byte only).
      const photo = await eventually(async () => {
        const [first] = await transcript(conversationId);
        return first?.attachments?.every((a) => a.sizeBytes !== null) ? first : undefined;
      }, 5_000);
      expect(photo).toMatchObject({
        direction: 'inbound',
        text: '',
        attachments: [
          { contentType: 'image/jpeg', url: photoUrl, sizeBytes: 48_213 },
          { contentType: 'application/pdf', url: pdfUrl, sizeBytes: 1_200_345 },
        ],
      });
      const fetched = twilioApi.mediaRequests.filter((r) => [photoUrl, pdfUrl].some((u) => u!.endsWith(r.mediaSid)));
      expect(fetched.filter((r) => r.where === 'storage').map((r) => [r.range, r.authorized, r.status])).toEqual([
        ['bytes=0-0', false, 206],
        ['bytes=0-0', false, 206],
      ]);
    });

    it("keeps an attachment whose size Twilio does not tell, without a size, and never fetches a URL that is not this account's Twilio media", async () => {
      const from = `whatsapp:${newNumber()}`;
      const sid = twilioSid('MM');
      const [gone] = twilioApi.holdInbound(twilioSid('MM'), 1);
      const elsewhere = `https://media.example.org/2010-04-01/Accounts/${ACCOUNT_SID}/Messages/${sid}/Media/${twilioSid('ME')}`;
      const before = twilioApi.mediaRequests.length;
      twilioApi.failNextMedia(500);
      await inbound(from, 'Kijk', { NumMedia: '2', MediaUrl0: gone!, MediaContentType0: 'image/png', MediaUrl1: elsewhere, MediaContentType1: 'image/png' }, sid);
      await eventually(async () => twilioApi.mediaRequests.length > before, 5_000);
      const conversationId = await conversationOf(from);
      await new Promise((resolve) => setTimeout(resolve, 300));
      const [photo] = await transcript(conversationId);
      expect(photo!.attachments).toEqual([
        { contentType: 'image/png', url: gone, sizeBytes: null },
        { contentType: 'image/png', url: elsewhere, sizeBytes: null },
      ]);
      expect(twilioApi.mediaRequests.slice(before).map((r) => [r.where, r.status])).toEqual([['api', 500]]);
    });
  });

  describe('order status from the back office', () => {
    it('answers "where is my order?" on SMS and WhatsApp from the back office, by the number the carrier vouches for', async () => {
      const phone = newNumber();
      backoffice.seed(phone, { orders: [{ id: '#9001', status: 'Onderweg', date: '2026-11-27' }, { id: '#8800', status: 'Bezorgd', date: '2026-10-02' }] });
      await inbound(phone, 'Waar is mijn bestelling?');
      const [disclosure, answer] = await twilioApi.waitFor(phone, 2);
      expect(disclosure!.body).toMatch(/^\[AI-assistent\]/);
      expect(answer!.body).toContain('Dit zie ik bij je bestellingen: #9001: Onderweg (2026-11-27); #8800: Bezorgd (2026-10-02).');
      expect(backoffice.requests.at(-1)!.query.get('phone')).toBe(phone);
      expect(backoffice.requests.at(-1)!.query.get('email')).toBeNull();
      const conversationId = await conversationOf(phone);
      const ai = (await transcript(conversationId)).find((m) => m.author.type === 'ai' && m.text.includes('#9001'))!;
      expect(ai).toMatchObject({ aiGenerated: true, sources: [{ title: 'Je bestellingen (ons ordersysteem)', url: null }] });

      // WhatsApp too; a number the back office does not know gets the usual answer.
      const whatsapp = `whatsapp:${phone}`;
      await inbound(whatsapp, 'When will my package arrive?');
      await eventually(async () => twilioApi.to(whatsapp).some((m) => m.body?.includes('#9001: Onderweg')), 10_000);
      const stranger = newNumber();
      await inbound(stranger, 'Waar is mijn bestelling?');
      const [, usual] = await twilioApi.waitFor(stranger, 2);
      expect(usual!.body).not.toContain('#9001');
    });
  });

  describe('personal data on the phone', () => {
    it('masks a BSN and health data in an SMS before storing it, and hands the medical topic to a person', async () => {
      const from = newNumber();
      await inbound(from, 'Mijn BSN is 111222333 en ik heb epilepsie. Kan het pakket bij de buren?');
      const conversationId = await conversationOf(from);
      const [stored] = await eventually(async () => {
        const messages = await transcript(conversationId);
        return messages.length > 0 && messages;
      });
      expect(stored).toMatchObject({ direction: 'inbound', text: 'Mijn BSN is [BSN verwijderd] en ik heb [gezondheidsgegevens verwijderd]. Kan het pakket bij de buren?' });
      await eventually(async () => (await conversation(conversationId)).status === 'waiting_for_agent');
    });
  });

  describe('malformed webhooks', () => {
    it('never answers a form body, however malformed, signed or not, with a 5xx', async () => {
      const key = fc.oneof(
        fc.constantFrom('MessageSid', 'From', 'To', 'Body', 'NumMedia', 'MediaUrl0', 'MediaContentType0', 'AccountSid', 'MessageStatus', 'ErrorCode', '__proto__', 'constructor'),
        fc.string({ maxLength: 12 }),
      );
      const value = fc.oneof(
        fc.string({ maxLength: 40 }),
        fc.constantFrom('whatsapp:+31612345678', '+31612345678', 'whatsapp:', '99', '-1', '1e9', twilioSid('SM'), ACCOUNT_SID, '%E0%A4%A', 'delivered'),
        fc.string({ unit: 'binary', maxLength: 40 }),
      );
      await fc.assert(
        fc.asyncProperty(
          fc.dictionary(key, value, { maxKeys: 8 }),
          fc.constantFrom('/webhooks/twilio/messaging', '/webhooks/twilio/status') as fc.Arbitrary<'/webhooks/twilio/messaging' | '/webhooks/twilio/status'>,
          fc.constantFrom('signed', 'unsigned', 'raw') as fc.Arbitrary<'signed' | 'unsigned' | 'raw'>,
          fc.string({ unit: 'binary', maxLength: 200 }),
          async (params, path, mode, raw) => {
            let status: number;
            if (mode === 'raw') {
              const response = await fetch(`${service.url}${path}`, {
                method: 'POST',
                headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': 'bm90IGEgc2lnbmF0dXJl' },
                body: raw,
              });
              status = response.status;
              await response.arrayBuffer();
            } else {
              status = (await postWebhook(path, { ...params }, { sign: mode === 'signed' })).status;
            }
            expect(status).toBeLessThan(500);
          },
        ),
        { numRuns: 150 },
      );
    }, 60_000);
  });

  describe('erasure reaches Twilio (R20)', () => {
    async function adminToken(): Promise<string> {
      const login = await api.request<{ accessToken: string }>('POST', '/api/v1/auth/login', {
        json: { email: SEED_USERS.SEED_ADMIN_EMAIL, password: SEED_USERS.SEED_ADMIN_PASSWORD },
      });
      expect(login.status).toBe(200);
      return login.body.accessToken;
    }

    /** A customer's SMS conversation: a question (AI disclosure and answer) and a photo (a notice); returns every SID Twilio holds of it. */
    async function smsConversation(from: string): Promise<{ conversationId: string; inboundSids: string[]; outboundSids: string[]; photoSid: string }> {
      const questionSid = twilioSid('SM');
      twilioApi.holdInbound(questionSid);
      await inbound(from, 'Hoe lang duurt de levering?', {}, questionSid);
      await twilioApi.waitFor(from, 2, 10_000);
      const photoSid = twilioSid('MM');
      const [mediaUrl] = twilioApi.holdInbound(photoSid, 1);
      await inbound(from, '', { NumMedia: '1', MediaUrl0: mediaUrl!, MediaContentType0: 'image/jpeg' }, photoSid);
      await eventually(async () => twilioApi.to(from).some((m) => /foto's en bestanden/.test(m.body ?? '')), 10_000);
      const sent = twilioApi.to(from);
      const conversationId = await conversationOf(from);
      // Every part recorded with its SID before the erasure (nothing still on its way).
      await eventually(async () => {
        const { rows } = await sql.query<{ n: number }>(`SELECT count(*)::int AS n FROM message_deliveries WHERE conversation_id = $1 AND provider_message_id IS NOT NULL`, [conversationId]);
        return rows[0]!.n === sent.length;
      }, 10_000);
      return { conversationId, inboundSids: [questionSid, photoSid], outboundSids: sent.map((m) => m.sid), photoSid };
    }

    async function queued(): Promise<{ message_sid: string; state: string; attempts: number; last_error: string | null }[]> {
      return (await sql.query<{ message_sid: string; state: string; attempts: number; last_error: string | null }>(`SELECT message_sid, state, attempts, last_error FROM twilio_deletions ORDER BY created_at`)).rows;
    }

    it("deletes every Twilio message of an erased SMS conversation through Twilio's API, inbound (with media) and every reply part, retrying a 429 and a 500", async () => {
      const from = newNumber();
      const { conversationId, inboundSids, outboundSids, photoSid } = await smsConversation(from);
      const sids = [...inboundSids, ...outboundSids];
      expect(twilioApi.holds(photoSid)?.media).toHaveLength(1);
      const { rows: stored } = await sql.query<{ sid: string }>(
        `SELECT channel_message_id AS sid FROM messages WHERE conversation_id = $1 AND direction = 'inbound'
         UNION SELECT provider_message_id FROM message_deliveries WHERE conversation_id = $1`,
        [conversationId],
      );
      expect(stored.map((r) => r.sid).sort()).toEqual([...sids].sort());

      const deletesBefore = twilioApi.deletions.length;
      twilioApi.failNextDelete({ status: 429, retryAfterSeconds: 1 }, { status: 500 });
      const erase = await api.request<{ erased: Record<string, number> }>('POST', '/api/v1/privacy/subjects/erase', { token: await adminToken(), json: { phone: from } });
      expect(erase.status).toBe(202);
      expect(outboundSids.length).toBeGreaterThanOrEqual(3);
      expect(erase.body.erased).toMatchObject({ conversations: 1, twilio_deletions: sids.length, message_deliveries: outboundSids.length });

      await twilioApi.waitForDeleted(sids, 15_000);
      const deletes = twilioApi.deletions.slice(deletesBefore);
      expect(deletes.map((d) => d.status).sort()).toEqual([...sids.map(() => 204), 429, 500]);
      expect([...new Set(deletes.map((d) => d.sid))].sort()).toEqual([...sids].sort());
      // The throttled one waited for its Retry-After; the 5xx one was tried again after back-off.
      const throttled = deletes.find((d) => d.status === 429)!;
      const retried = deletes.find((d) => d.sid === throttled.sid && d.status === 204)!;
      expect(retried.at.getTime() - throttled.at.getTime()).toBeGreaterThanOrEqual(950);
      // Deleting the photo's message deleted its media at Twilio too.
      for (const sid of sids) expect(twilioApi.holds(sid)).toBeNull();
      await eventually(async () => (await queued()).length === 0, 5_000);
    }, 60_000);

    it('the retention job queues the same deletions for the conversations it erases', async () => {
      const from = newNumber();
      const { conversationId, inboundSids, outboundSids } = await smsConversation(from);
      await sql.query(`UPDATE conversations SET updated_at = now() - interval '400 days' WHERE id = $1`, [conversationId]);
      const run = await api.request<{ run: { erased: Record<string, number> } }>('POST', '/api/v1/privacy/retention/run', { token: await adminToken() });
      expect(run.status).toBe(200);
      expect(run.body.run.erased).toMatchObject({ conversations: 1, twilio_deletions: inboundSids.length + outboundSids.length });
      await twilioApi.waitForDeleted([...inboundSids, ...outboundSids], 15_000);
      await eventually(async () => (await queued()).length === 0, 5_000);
    }, 60_000);

    it('deletes a reply Twilio accepted only after the erasure: the send that finds its part erased queues the SID itself', async () => {
      const from = newNumber();
      const helpSid = twilioSid('SM');
      twilioApi.holdInbound(helpSid);
      twilioApi.delayResponses(1_000);
      try {
        await inbound(from, 'HELP', {}, helpSid);
        const conversationId = await conversationOf(from);
        // The reply is with Twilio now (claimed, not answered yet).
        await eventually(async () => (await sql.query(`SELECT 1 FROM message_deliveries WHERE conversation_id = $1 AND state = 'sending'`, [conversationId])).rows.length > 0, 5_000, 20);
        const erase = await api.request<{ erased: Record<string, number> }>('POST', '/api/v1/privacy/subjects/erase', { token: await adminToken(), json: { phone: from } });
        expect(erase.body.erased).toMatchObject({ conversations: 1, twilio_deletions: 1, message_deliveries: 1 });
        const [reply] = await twilioApi.waitFor(from, 1, 5_000);
        await twilioApi.waitForDeleted([helpSid, reply!.sid], 10_000);
      } finally {
        twilioApi.delayResponses(0);
      }
      await eventually(async () => (await queued()).length === 0, 5_000);
    }, 30_000);

    it('tries a message Twilio is still processing (20009) again, counts one Twilio no longer has as done, gives up after TWILIO_DELETE_MAX_ATTEMPTS', async () => {
      const busy = twilioSid('SM');
      twilioApi.holdInbound(busy);
      twilioApi.failNextDelete(NOT_COMPLETE_YET);
      await sql.query(`INSERT INTO twilio_deletions (tenant_id, message_sid) VALUES ('default', $1)`, [busy]);
      await twilioApi.waitForDeleted([busy]);
      expect(twilioApi.deletions.filter((d) => d.sid === busy).map((d) => d.status)).toEqual([409, 204]);
      await eventually(async () => (await queued()).length === 0, 5_000);

      const unknown = twilioSid('SM');
      await sql.query(`INSERT INTO twilio_deletions (tenant_id, message_sid) VALUES ('default', $1)`, [unknown]);
      await eventually(async () => (await queued()).length === 0, 5_000);
      expect(twilioApi.deletions.filter((d) => d.sid === unknown).map((d) => d.status)).toEqual([404]);

      const stuck = twilioSid('SM');
      twilioApi.holdInbound(stuck);
      twilioApi.failNextDelete({ status: 503 }, { status: 503 }, { status: 503 });
      await sql.query(`INSERT INTO twilio_deletions (tenant_id, message_sid) VALUES ('default', $1)`, [stuck]);
      const [failed] = await eventually(async () => {
        const rows = await queued();
        return rows[0]?.state === 'failed' && rows;
      }, 10_000);
      expect(failed).toEqual({ message_sid: stuck, state: 'failed', attempts: 3, last_error: '20500' });
      expect(twilioApi.deletions.filter((d) => d.sid === stuck).map((d) => d.status)).toEqual([503, 503, 503]);
      expect(twilioApi.holds(stuck)).not.toBeNull();
      await sql.query(`DELETE FROM twilio_deletions WHERE message_sid = $1`, [stuck]);
    }, 30_000);
  });

  describe('with the channel off', () => {
    it('answers the webhooks with 503 channel_off when TWILIO_* is unset; queued deletions wait', async () => {
      const offDb = await createTestDatabase();
      const off = await startService(standalone, { LOG_LEVEL: 'silent', PORT: '0', DATABASE_URL: offDb.url, JWT_SECRET: 'a-messaging-e2e-secret-long-enough-for-hs256', KNOWLEDGE_DEMO: 'false' });
      const offSql = new Client({ connectionString: offDb.url });
      try {
        for (const path of ['/webhooks/twilio/messaging', '/webhooks/twilio/status']) {
          const signed = signedTwilioRequest(AUTH_TOKEN, `http://localhost:3000${path}`, { MessageSid: twilioSid('SM') });
          const r = await fetch(`${off.url}${path}`, { method: 'POST', headers: signed.headers, body: signed.body });
          expect(r.status).toBe(503);
          expect(await r.json()).toEqual({ error: { code: 'channel_off', message: expect.stringMatching(/TWILIO_ACCOUNT_SID/) } });
        }
        await offSql.connect();
        await offSql.query(`INSERT INTO twilio_deletions (tenant_id, message_sid) VALUES ('default', $1)`, [twilioSid('SM')]);
        await new Promise((resolve) => setTimeout(resolve, 1_000));
        expect((await offSql.query(`SELECT state, attempts FROM twilio_deletions`)).rows).toEqual([{ state: 'pending', attempts: 0 }]);
      } finally {
        await offSql.end();
        await off.stop();
        await offDb.drop();
      }
    });
  });
});
