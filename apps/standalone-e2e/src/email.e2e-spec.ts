import { createServer } from 'node:net';
import { randomUUID } from 'node:crypto';
import nodemailer from 'nodemailer';
import MailComposer from 'nodemailer/lib/mail-composer';
import type Mail from 'nodemailer/lib/mailer';
import { Client } from 'pg';
import { addressIndex, emailIndex } from '@pegamento/data-access-conversations';
import { startService, type RunningService } from '@pegamento/feature-platform';
import { FakeSmtpRelay, type RelayedMail } from '@pegamento/gateway-email-data-access-email/testing';
import { standalone } from '@pegamento/standalone-composition';
import { createTestDatabase, eventually, type TestDatabase } from '@pegamento/util-testing';
import { ContractClient, type ConversationShape, type MessageShape } from './support/contract-client';
import { SEED_USERS } from './support/conversation-contract';

/**
 * E-mail end to end: the standalone process with the SMTP_* variables set, inbound mail
 * posted to the webhook and delivered to its SMTP listener by nodemailer, replies arriving
 * at a local SMTP server (smtp-server) acting as the outbound relay.
 */
const SUPPORT = 'support@winkel.example';
const TOKEN = 'an-e2e-email-webhook-token-0123456789';
/** Limits this system runs with, so the tests can check them. */
const LIMITS = {
  EMAIL_MAX_BYTES: '65536',
  EMAIL_AUTO_REPLY_LIMIT: '3',
  EMAIL_AUTO_REPLY_WINDOW_MINUTES: '60',
  EMAIL_SEND_MAX_ATTEMPTS: '3',
  EMAIL_SEND_RETRY_BASE_MS: '100',
  EMAIL_SEND_RETRY_MAX_MS: '1000',
  EMAIL_SEND_POLL_INTERVAL_MS: '50',
  EMAIL_SEND_TIMEOUT_MS: '3000',
};

type ChannelMessage = MessageShape & {
  deliveryStatus?: string;
  deliveryError?: { code: string; message: string };
  attachments?: { contentType: string; url: string | null; sizeBytes: number | null; filename?: string | null }[];
};

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** A raw RFC 5322 mail, built by nodemailer's own composer. */
async function rawMail(options: Mail.Options): Promise<Buffer> {
  return new MailComposer(options).compile().build();
}

const idOf = (header: string | undefined) => /<([^>]+)>/.exec(header ?? '')?.[1] ?? '';

describe('E-mail (standalone process)', () => {
  let db: TestDatabase;
  let sql: Client;
  let relay: FakeSmtpRelay;
  let smtpPort: number;
  let service: RunningService;
  let api: ContractClient;
  let agentToken: string;
  let adminToken: string;
  let next = 0;

  beforeAll(async () => {
    db = await createTestDatabase();
    relay = await FakeSmtpRelay.start();
    smtpPort = await freePort();
    service = await startService(standalone, {
      LOG_LEVEL: 'silent',
      PORT: '0',
      DATABASE_URL: db.url,
      JWT_SECRET: 'an-email-e2e-secret-long-enough-for-hs256',
      ...SEED_USERS,
      SUPPORT_EMAIL: SUPPORT,
      SMTP_OUTBOUND_URL: relay.url,
      SMTP_INBOUND_PORT: String(smtpPort),
      EMAIL_WEBHOOK_TOKEN: TOKEN,
      ...LIMITS,
    });
    api = new ContractClient(service.url);
    sql = new Client({ connectionString: db.url });
    await sql.connect();
    for (const [email, password, set] of [
      [SEED_USERS.SEED_AGENT_EMAIL, SEED_USERS.SEED_AGENT_PASSWORD, (t: string) => (agentToken = t)],
      [SEED_USERS.SEED_ADMIN_EMAIL, SEED_USERS.SEED_ADMIN_PASSWORD, (t: string) => (adminToken = t)],
    ] as const) {
      const login = await api.request<{ accessToken: string }>('POST', '/api/v1/auth/login', { json: { email, password } });
      expect(login.status).toBe(200);
      set(login.body.accessToken);
    }
  }, 120_000);

  afterAll(async () => {
    await sql?.end();
    await service?.stop();
    await relay?.stop();
    await db?.drop();
  });

  /** A fresh customer address per test, so tests do not share conversations or the per-sender count. */
  function newAddress(): string {
    next += 1;
    return `klant${next}.${Date.now() % 100_000}@example.test`;
  }

  const newMessageId = () => `${randomUUID()}@mail.example.test`;

  async function postMail(raw: Buffer | string, token: string | null = TOKEN, contentType = 'message/rfc822') {
    const headers: Record<string, string> = { 'content-type': contentType };
    if (token !== null) headers['authorization'] = `Bearer ${token}`;
    const response = await fetch(`${service.url}/webhooks/email/inbound`, { method: 'POST', headers, body: raw });
    const text = await response.text();
    return { status: response.status, body: (text ? JSON.parse(text) : null) as Record<string, unknown> | null };
  }

  async function mailFrom(from: string, text: string, extra: Mail.Options = {}): Promise<string> {
    const messageId = extra.messageId ? idOf(extra.messageId) : newMessageId();
    const r = await postMail(await rawMail({ from, to: SUPPORT, subject: 'Levering', text, ...extra, messageId: `<${messageId}>` }));
    expect(r.status).toBe(202);
    return messageId;
  }

  /** Delivers a mail to the SMTP listener with nodemailer as the client. */
  async function smtpSend(options: Mail.Options) {
    const transport = nodemailer.createTransport({ host: '127.0.0.1', port: smtpPort, secure: false, ignoreTLS: true });
    try {
      return await transport.sendMail(options);
    } finally {
      transport.close();
    }
  }

  async function conversationsOf(address: string): Promise<string[]> {
    const { rows } = await sql.query<{ id: string }>(
      `SELECT c.id FROM conversations c JOIN contact_channel_identities i ON i.id = c.channel_identity_id WHERE i.address_bidx = $1 ORDER BY c.created_at`,
      [addressIndex('default', address)],
    );
    return rows.map((r) => r.id);
  }

  async function conversationOf(address: string): Promise<string> {
    return eventually(async () => (await conversationsOf(address))[0], 5_000);
  }

  async function transcript(conversationId: string): Promise<ChannelMessage[]> {
    const r = await api.request<{ messages: ChannelMessage[] }>('GET', `/api/v1/agent/conversations/${conversationId}/messages`, { token: agentToken });
    expect(r.status).toBe(200);
    return r.body.messages;
  }

  async function conversation(conversationId: string): Promise<ConversationShape | undefined> {
    const r = await api.request<{ conversations: ConversationShape[] }>('GET', '/api/v1/agent/conversations', { token: agentToken });
    return r.body.conversations.find((c) => c.id === conversationId);
  }

  async function storedMessages(channelMessageId: string): Promise<number> {
    const { rows } = await sql.query<{ n: number }>(`SELECT count(*)::int AS n FROM messages WHERE channel_message_id = $1`, [channelMessageId]);
    return rows[0]!.n;
  }

  /** Nothing more reaches this address for a while (after what was expected arrived). */
  async function expectNoMoreTo(address: string, count: number, waitMs = 1_500): Promise<void> {
    await new Promise((resolve) => setTimeout(resolve, waitMs));
    expect(relay.to(address)).toHaveLength(count);
  }

  const textOf = (mail: RelayedMail) => (mail.parsed.text ?? '').trim();

  describe('the webhook', () => {
    it('accepts a mail with the right token with 202 at once; the first reply discloses the AI, is auto-submitted and threads', async () => {
      const from = newAddress();
      const started = Date.now();
      const messageId = await mailFrom(from, 'Hoe lang duurt de levering?');
      expect(Date.now() - started).toBeLessThan(1_000);

      const [reply] = await relay.waitFor(from, 1);
      expect(reply!.envelopeFrom).toBe(SUPPORT);
      expect(reply!.parsed.from?.value).toEqual([{ address: SUPPORT, name: 'AI-assistent' }]);
      expect(reply!.parsed.subject).toBe('Re: Levering');
      expect(reply!.header('auto-submitted')).toBe('auto-replied');
      expect(reply!.parsed.inReplyTo).toBe(`<${messageId}>`);
      expect(reply!.header('references')).toContain(`<${messageId}>`);
      expect(reply!.parsed.messageId).toMatch(/^<[0-9a-f-]{36}@winkel\.example>$/);
      expect(textOf(reply!)).toMatch(/^Deze e-mail is geschreven door de AI-assistent: een computerprogramma, geen mens\./);
      expect(textOf(reply!)).toMatch(/"mens"/);
      // The disclosure leads the answer: one mail, not a disclosure mail and an answer mail.
      await expectNoMoreTo(from, 1);

      const conversationId = await conversationOf(from);
      const messages = await transcript(conversationId);
      expect(messages[0]).toMatchObject({ direction: 'inbound', author: { type: 'customer' }, text: 'Hoe lang duurt de levering?' });
      const answer = messages.find((m) => m.direction === 'outbound' && m.author.type === 'ai' && m.deliveryStatus);
      expect(answer).toMatchObject({ aiGenerated: true, deliveryStatus: 'sent' });

      // The customer answers the reply, quoting it: the same conversation, one thread, no second disclosure.
      const ours = idOf(reply!.parsed.messageId);
      const followUp = await mailFrom(from, `Kan het ook sneller?\n\nOp zo 29 nov 2026 om 10:00 schreef AI-assistent <${SUPPORT}>:\n> ${textOf(reply!).split('\n')[0]}`, {
        subject: 'Re: Levering',
        inReplyTo: `<${ours}>`,
        references: [`<${messageId}>`, `<${ours}>`],
      });
      const [, second] = await relay.waitFor(from, 2);
      expect(await conversationsOf(from)).toEqual([conversationId]);
      expect(second!.parsed.subject).toBe('Re: Levering');
      expect(second!.parsed.inReplyTo).toBe(`<${followUp}>`);
      expect(second!.header('references')).toEqual(expect.stringContaining(`<${messageId}>`));
      expect(second!.header('references')).toEqual(expect.stringContaining(`<${ours}>`));
      expect(textOf(second!)).not.toMatch(/Deze e-mail is geschreven door de AI-assistent/);
      expect(second!.parsed.messageId).not.toBe(reply!.parsed.messageId);
      const stored = await transcript(conversationId);
      expect(stored.filter((m) => m.direction === 'inbound').map((m) => m.text)).toEqual(['Hoe lang duurt de levering?', 'Kan het ook sneller?']);
    });

    it.each([
      ['no Authorization header', null],
      ['a wrong token', 'an-e2e-email-webhook-token-0123456780'],
      ['a token of another length', 'short'],
    ])('refuses a mail with %s with 401 in the error shape and stores nothing', async (_name, token) => {
      const from = newAddress();
      const messageId = newMessageId();
      const r = await postMail(await rawMail({ from, to: SUPPORT, subject: 'Hallo', text: 'Hallo', messageId: `<${messageId}>` }), token);
      expect(r.status).toBe(401);
      expect(r.body).toEqual({ error: { code: 'unauthorized', message: expect.any(String) } });
      expect(await storedMessages(messageId)).toBe(0);
      expect(await conversationsOf(from)).toEqual([]);
      const { rows } = await sql.query(`SELECT 1 FROM contacts WHERE email_bidx = $1`, [emailIndex('default', from)]);
      expect(rows).toHaveLength(0);
    });

    it('refuses a body above EMAIL_MAX_BYTES with 413, an unparsable one with 400, and another content type with 415', async () => {
      const from = newAddress();
      const big = await rawMail({ from, to: SUPPORT, subject: 'Groot', text: 'x'.repeat(70_000) });
      expect((await postMail(big)).status).toBe(413);
      const junk = await postMail('this is not a mail at all');
      expect(junk.status).toBe(400);
      expect(junk.body).toEqual({ error: { code: 'invalid_message', message: expect.any(String) } });
      expect((await postMail(await rawMail({ from, to: SUPPORT, text: 'x' }), TOKEN, 'text/plain')).status).toBe(415);
      expect(await conversationsOf(from)).toEqual([]);
    });

    it("starts a new conversation when someone else replies to a customer's thread", async () => {
      const customer = newAddress();
      const first = await mailFrom(customer, 'Hoe lang duurt de levering?', { subject: 'Levering' });
      const [reply] = await relay.waitFor(customer, 1);
      const stranger = newAddress();
      await mailFrom(stranger, 'Wat is het adres van Jan?', { subject: 'Re: Levering', inReplyTo: reply!.parsed.messageId, references: [`<${first}>`, reply!.parsed.messageId!] });
      const strangers = await eventually(async () => {
        const ids = await conversationsOf(stranger);
        return ids.length > 0 ? ids : undefined;
      }, 5_000);
      expect(strangers).toHaveLength(1);
      expect(strangers[0]).not.toBe(await conversationOf(customer));
      expect((await transcript(await conversationOf(customer))).filter((m) => m.direction === 'inbound')).toHaveLength(1);
    });

    it('stores a repeated Message-ID once and replies once, by webhook and SMTP alike', async () => {
      const from = newAddress();
      const messageId = newMessageId();
      const raw = await rawMail({ from, to: SUPPORT, subject: 'Retour', text: 'Hoe kan ik iets retourneren?', messageId: `<${messageId}>` });
      const first = await postMail(raw);
      const again = await postMail(raw);
      expect(first.status).toBe(202);
      expect(again).toMatchObject({ status: 202, body: { status: 'duplicate', messageId: first.body!['messageId'] } });
      await smtpSend({ from, to: SUPPORT, subject: 'Retour', text: 'Hoe kan ik iets retourneren?', messageId: `<${messageId}>` });
      await relay.waitFor(from, 1);
      await expectNoMoreTo(from, 1);
      expect(await storedMessages(messageId)).toBe(1);
    });
  });

  describe('the SMTP listener', () => {
    it('takes mail for the support address and answers it in the thread', async () => {
      const from = newAddress();
      const info = await smtpSend({ from: `Jan Jansen <${from}>`, to: SUPPORT, subject: 'Openingstijden', text: 'Wanneer zijn jullie open?' });
      expect(info.accepted).toEqual([SUPPORT]);
      const [reply] = await relay.waitFor(from, 1);
      expect(reply!.parsed.subject).toBe('Re: Openingstijden');
      expect(reply!.parsed.inReplyTo).toBe(info.messageId);
      expect(reply!.header('auto-submitted')).toBe('auto-replied');
    });

    it('refuses other recipients with 550 and a mail above EMAIL_MAX_BYTES with 552', async () => {
      const from = newAddress();
      await expect(smtpSend({ from, to: 'iemand@winkel.example', subject: 'x', text: 'x' })).rejects.toMatchObject({ responseCode: 550 });
      await expect(smtpSend({ from, to: SUPPORT, subject: 'Groot', text: 'x'.repeat(70_000) })).rejects.toMatchObject({ responseCode: 552 });
      expect(await conversationsOf(from)).toEqual([]);
    });
  });

  describe('a person on e-mail', () => {
    it('hands over on "medewerker"; the agent replies as "Sanne (medewerker)" in the same thread, without Auto-Submitted', async () => {
      const from = newAddress();
      const first = await mailFrom(from, 'Mijn pakket is beschadigd aangekomen.', { subject: 'Beschadigd pakket' });
      const [reply] = await relay.waitFor(from, 1);
      const conversationId = await conversationOf(from);

      const ask = await mailFrom(from, `medewerker\n\nOn Sun, 29 Nov 2026 at 10:00, AI-assistent <${SUPPORT}> wrote:\n> ${textOf(reply!).split('\n')[0]}`, {
        subject: 'Re: Beschadigd pakket',
        inReplyTo: reply!.parsed.messageId,
        references: [`<${first}>`, reply!.parsed.messageId!],
      });
      await eventually(async () => (await conversation(conversationId))?.status === 'waiting_for_agent', 10_000);
      expect(await conversationsOf(from)).toEqual([conversationId]);

      expect((await api.request('POST', `/api/v1/agent/conversations/${conversationId}/claim`, { token: agentToken })).status).toBe(200);
      const sent = await api.request('POST', `/api/v1/agent/conversations/${conversationId}/messages`, { token: agentToken, json: { text: 'Vervelend! Ik stuur je vandaag een nieuw pakket.' } });
      expect(sent.status).toBe(202);
      const agentMail = await eventually(async () => relay.to(from).find((m) => textOf(m).includes('nieuw pakket')), 10_000);
      expect(agentMail.parsed.from?.value).toEqual([{ address: SUPPORT, name: 'Sanne (medewerker)' }]);
      expect(agentMail.header('auto-submitted')).toBeUndefined();
      expect(agentMail.parsed.subject).toBe('Re: Beschadigd pakket');
      expect(agentMail.parsed.inReplyTo).toBe(`<${ask}>`);
      expect(agentMail.header('references')).toEqual(expect.stringContaining(`<${first}>`));
      expect(agentMail.header('references')).toEqual(expect.stringContaining(`<${ask}>`));
      // Every mail the customer got in this conversation is in the one thread.
      for (const mail of relay.to(from)) expect(mail.header('references')).toEqual(expect.stringContaining(`<${first}>`));
    });
  });

  describe('loop safety (R33)', () => {
    it.each([
      ['Auto-Submitted: auto-replied', { 'Auto-Submitted': 'auto-replied' }],
      ['an empty Return-Path', { 'Return-Path': '<>' }],
      ['Precedence: bulk', { Precedence: 'bulk' }],
      ['a List-Id header', { 'List-Id': '<nieuws.example.test>' }],
      ['List-Unsubscribe', { 'List-Unsubscribe': '<mailto:uit@example.test>' }],
    ])('gives mail with %s no reply and stores nothing', async (_name, headers) => {
      const from = newAddress();
      const messageId = newMessageId();
      const r = await postMail(await rawMail({ from, to: SUPPORT, subject: 'Afwezig', text: 'Ik ben afwezig tot maandag.', messageId: `<${messageId}>`, headers }));
      expect(r).toMatchObject({ status: 202, body: { status: 'dropped' } });
      await expectNoMoreTo(from, 0, 1_000);
      expect(await storedMessages(messageId)).toBe(0);
    });

    it('gives a bounce over SMTP (null envelope sender) no reply, but answers Auto-Submitted: no', async () => {
      const bounced = newAddress();
      await smtpSend({ envelope: { from: '', to: [SUPPORT] }, from: bounced, to: SUPPORT, subject: 'Undelivered', text: 'Delivery failed' });
      const person = newAddress();
      await mailFrom(person, 'Hebben jullie ook cadeaubonnen?', { headers: { 'Auto-Submitted': 'no' } });
      await relay.waitFor(person, 1);
      await expectNoMoreTo(bounced, 0, 500);
      expect(await conversationsOf(bounced)).toEqual([]);
    });

    it('stops automatic replies to a sender above EMAIL_AUTO_REPLY_LIMIT mails in the window; the mail is kept for agents with the reason', async () => {
      const from = newAddress();
      for (let i = 1; i <= 3; i++) {
        await mailFrom(from, `Vraag nummer ${i}: hoe lang duurt de levering?`, { subject: `Vraag ${i}` });
        await relay.waitFor(from, i);
      }
      await mailFrom(from, 'Vraag nummer 4: hoe lang duurt de levering?', { subject: 'Vraag 4' });
      const conversations = await eventually(async () => {
        const ids = await conversationsOf(from);
        return ids.length === 4 ? ids : undefined;
      }, 5_000);
      const refused = await eventually(async () => (await transcript(conversations[3]!)).find((m) => m.deliveryError), 10_000);
      expect(refused).toMatchObject({ direction: 'outbound', aiGenerated: true, deliveryStatus: 'failed', deliveryError: { code: 'auto_reply_limited', message: expect.stringMatching(/EMAIL_AUTO_REPLY_LIMIT/) } });
      await expectNoMoreTo(from, 3);
      expect((await transcript(conversations[3]!))[0]).toMatchObject({ direction: 'inbound', text: 'Vraag nummer 4: hoe lang duurt de levering?' });
    });
  });

  describe('sending to the relay', () => {
    it('tries again after temporary 4xx replies with back-off and then delivers', async () => {
      const from = newAddress();
      relay.failFor(from, 451, 2);
      await mailFrom(from, 'Wat kost verzending?');
      await relay.waitFor(from, 1, 10_000);
      const attempts = relay.attemptsTo(from);
      expect(attempts.map((a) => a.responseCode)).toEqual([451, 451, 250]);
      expect(attempts[1]!.at.getTime() - attempts[0]!.at.getTime()).toBeGreaterThanOrEqual(90);
    });

    it('gives up after EMAIL_SEND_MAX_ATTEMPTS temporary failures, and stores a permanent 5xx after one try, on the message for agents', async () => {
      const temporary = newAddress();
      const permanent = newAddress();
      relay.failFor(temporary, 451);
      relay.failFor(permanent, 550);
      try {
        await mailFrom(temporary, 'Wat kost verzending?');
        await mailFrom(permanent, 'Wat kost verzending?');
        const givenUp = await eventually(async () => (await transcript(await conversationOf(temporary))).find((m) => m.deliveryStatus === 'failed'), 10_000);
        expect(givenUp.deliveryError).toEqual({ code: 'smtp_451', message: expect.stringMatching(/Gave up after 3 tries/) });
        expect(relay.attemptsTo(temporary)).toHaveLength(3);
        const refused = await eventually(async () => (await transcript(await conversationOf(permanent))).find((m) => m.deliveryStatus === 'failed'), 10_000);
        expect(refused.deliveryError).toEqual({ code: 'smtp_550', message: expect.stringMatching(/refused the e-mail/) });
        expect(relay.attemptsTo(permanent)).toHaveLength(1);
      } finally {
        relay.failFor(temporary, null);
        relay.failFor(permanent, null);
      }
    });
  });

  describe('with e-mail off', () => {
    it('answers the webhook with 503 channel_off when SUPPORT_EMAIL is unset, whatever token is sent', async () => {
      const offDb = await createTestDatabase();
      const off = await startService(standalone, { LOG_LEVEL: 'silent', PORT: '0', DATABASE_URL: offDb.url, JWT_SECRET: 'an-email-e2e-secret-long-enough-for-hs256', KNOWLEDGE_DEMO: 'false', EMAIL_WEBHOOK_TOKEN: TOKEN });
      try {
        const r = await fetch(`${off.url}/webhooks/email/inbound`, {
          method: 'POST',
          headers: { 'content-type': 'message/rfc822', authorization: `Bearer ${TOKEN}` },
          body: await rawMail({ from: newAddress(), to: SUPPORT, subject: 'x', text: 'x' }),
        });
        expect(r.status).toBe(503);
        expect(await r.json()).toEqual({ error: { code: 'channel_off', message: expect.stringMatching(/SUPPORT_EMAIL/) } });
      } finally {
        await off.stop();
        await offDb.drop();
      }
    });
  });

  describe('what is stored', () => {
    it('records attachments (type, size, file name) and masks a BSN and health data before storing text and subject', async () => {
      const from = newAddress();
      await mailFrom(from, 'Mijn BSN is 111222333 en ik heb epilepsie. Kan het pakket bij de buren?', {
        subject: 'BSN 111222333',
        attachments: [{ filename: 'bon.pdf', content: Buffer.alloc(1_234, 1), contentType: 'application/pdf' }],
      });
      const conversationId = await conversationOf(from);
      const [inbound] = await transcript(conversationId);
      expect(inbound).toMatchObject({
        text: 'Mijn BSN is [BSN verwijderd] en ik heb [gezondheidsgegevens verwijderd]. Kan het pakket bij de buren?',
        attachments: [{ contentType: 'application/pdf', sizeBytes: 1_234, filename: 'bon.pdf', url: null }],
      });
      const { rows } = await sql.query<{ n: number }>(`SELECT count(*)::int AS n FROM email_messages WHERE conversation_id = $1 AND subject IS NOT NULL`, [conversationId]);
      expect(rows[0]!.n).toBe(1);
      // The masked subject is what replies carry.
      const reply = await eventually(async () => relay.to(from)[0], 10_000);
      expect(reply.parsed.subject).toBe('Re: BSN [BSN verwijderd]');
    });

    it('exports and erases the e-mail threads with the person (R20)', async () => {
      const from = newAddress();
      await mailFrom(from, 'Waar blijft mijn bestelling?', { subject: 'Bestelling 98765' });
      await relay.waitFor(from, 1);
      const conversationId = await conversationOf(from);
      const before = await sql.query(`SELECT 1 FROM email_messages WHERE conversation_id = $1`, [conversationId]);
      expect(before.rows.length).toBeGreaterThanOrEqual(2);
      const exported = await api.request<{ conversations: { id: string; emails: { direction: string; headerMessageId: string; subject: string | null }[] }[] }>(
        'GET',
        `/api/v1/privacy/subjects/export?email=${encodeURIComponent(from)}`,
        { token: adminToken },
      );
      expect(exported.status).toBe(200);
      const emails = exported.body.conversations.find((c) => c.id === conversationId)!.emails;
      expect(emails[0]).toMatchObject({ direction: 'inbound', subject: 'Bestelling 98765' });
      expect(emails.some((e) => e.direction === 'outbound')).toBe(true);
      const erase = await api.request<{ erased: Record<string, number> }>('POST', '/api/v1/privacy/subjects/erase', { token: adminToken, json: { email: from } });
      expect(erase.status).toBe(202);
      expect(erase.body.erased['email_messages']).toBeGreaterThanOrEqual(2);
      const after = await sql.query(`SELECT 1 FROM email_messages WHERE conversation_id = $1 OR sender_bidx = $2`, [conversationId, emailIndex('default', from)]);
      expect(after.rows).toHaveLength(0);
    });
  });
});
