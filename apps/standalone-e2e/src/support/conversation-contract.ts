import { eventually } from '@pegamento/util-testing';
import { ContractClient, type ConversationShape, type MessageShape } from './contract-client';

export const SEED_USERS = {
  SEED_AGENT_EMAIL: 'sanne@example.test',
  SEED_AGENT_PASSWORD: 'correct horse battery staple',
  SEED_ADMIN_EMAIL: 'admin@example.test',
  SEED_ADMIN_PASSWORD: 'another long admin password',
};

/** Limits the suite's running system is started with (its config), so the suite can test them. */
export const SUITE_LIMITS = {
  WEB_RATE_LIMIT_CONVERSATION_PER_MINUTE: '12',
  WEB_MESSAGE_MAX_CHARS: '4000',
  // The suite opens more conversations from one address than a customer would.
  WEB_CONVERSATIONS_PER_IP_PER_HOUR: '200',
};

export interface RunningSystem {
  baseUrl: string;
  stop(): Promise<void>;
}

interface Opened {
  conversation: ConversationShape;
  token: string;
  messages: MessageShape[];
}

/**
 * The contract-level end-to-end suite (contract.md: web chat, agents, compliance),
 * run against every way Pegamento runs: standalone on the in-process bus, standalone
 * on Kafka, and the distributed services as separate processes.
 */
export function describeConversationContract(name: string, start: () => Promise<RunningSystem>, timeoutMs = 60_000, moreTests?: () => void): void {
  describe(`conversation contract: ${name}`, () => {
    let system: RunningSystem;
    let api: ContractClient;

    beforeAll(async () => {
      system = await start();
      api = new ContractClient(system.baseUrl);
    }, 240_000);
    afterAll(async () => {
      await system?.stop();
    });

    async function open(json: Record<string, unknown> = {}): Promise<Opened> {
      const created = await api.request<Opened>('POST', '/api/v1/web/conversations', { json });
      expect(created.status).toBe(201);
      return created.body;
    }

    async function transcript(c: Opened): Promise<MessageShape[]> {
      const r = await api.request<{ messages: MessageShape[] }>('GET', `/api/v1/web/conversations/${c.conversation.id}/messages`, { token: c.token });
      expect(r.status).toBe(200);
      return r.body.messages;
    }

    async function say(c: Opened, text: string, clientMessageId?: string) {
      return api.request<{ message: MessageShape }>('POST', `/api/v1/web/conversations/${c.conversation.id}/messages`, {
        token: c.token,
        json: clientMessageId ? { text, clientMessageId } : { text },
      });
    }

    async function status(c: Opened): Promise<ConversationShape['status']> {
      const r = await api.request<{ conversation: ConversationShape }>('GET', `/api/v1/web/conversations/${c.conversation.id}`, { token: c.token });
      return r.body.conversation.status;
    }

    async function login(email: string, password: string): Promise<string> {
      const r = await api.request<{ accessToken: string }>('POST', '/api/v1/auth/login', { json: { email, password } });
      expect(r.status).toBe(200);
      return r.body.accessToken;
    }

    it(
      'opens a conversation with the AI disclosure as its first message, in Dutch and in English',
      async () => {
        const nl = await open({ locale: 'nl' });
        expect(nl.conversation).toMatchObject({ channel: 'web', status: 'bot', locale: 'nl', assignedAgent: null });
        expect(nl.token.length).toBeGreaterThanOrEqual(43); // 256 bits, base64url
        expect(nl.messages).toHaveLength(1);
        expect(nl.messages[0]).toMatchObject({ direction: 'outbound', author: { type: 'ai' }, aiGenerated: true });
        expect(nl.messages[0]!.author.displayName).toMatch(/AI/);
        expect(nl.messages[0]!.text).toMatch(/AI-assistent/);
        expect(nl.messages[0]!.text).toMatch(/medewerker/i);

        const en = await open({ locale: 'en-GB' });
        expect(en.conversation.locale).toBe('en');
        expect(en.messages[0]!.text).toMatch(/AI assistant/);
        expect(en.messages[0]!.text).toMatch(/person/i);
      },
      timeoutMs,
    );

    it(
      'answers a question with a message labelled as written by AI, pushed over socket.io too',
      async () => {
        const c = await open({ locale: 'en' });
        const socket = api.socket(c.conversation.id, c.token);
        const pushed: MessageShape[] = [];
        const typing: unknown[] = [];
        socket.on('message', (m: MessageShape) => pushed.push(m));
        socket.on('typing', (t: unknown) => typing.push(t));
        await new Promise<void>((resolve, reject) => {
          socket.on('connect', () => resolve());
          socket.on('connect_error', reject);
        });
        try {
          const sent = await say(c, 'What are your delivery times?');
          expect(sent.status).toBe(202);
          expect(sent.body.message).toMatchObject({ direction: 'inbound', author: { type: 'customer' }, aiGenerated: false, text: 'What are your delivery times?' });
          // The opening disclosure may be pushed too; the answer is the AI message after it.
          const answer = await eventually(() => pushed.find((m) => m.author.type === 'ai' && m.id !== c.messages[0]!.id), 15_000);
          expect(answer.aiGenerated).toBe(true);
          expect(answer.author.displayName).toMatch(/AI/);
          expect(await transcript(c)).toEqual(expect.arrayContaining([expect.objectContaining({ id: answer.id, author: answer.author })]));
          expect(typing).toContainEqual({ author: { type: 'ai', displayName: expect.stringMatching(/AI assistant is writing/) } });
        } finally {
          socket.close();
        }
      },
      timeoutMs,
    );

    it(
      'hands over to a person on the first ask in words, then an agent claims, replies, releases and closes, each announced',
      async () => {
        const c = await open({ locale: 'nl', name: 'Jan' });
        const asked = Date.now();
        expect((await say(c, 'mag ik een medewerker spreken?')).status).toBe(202);
        await eventually(async () => (await status(c)) === 'waiting_for_agent', 5_000, 20);
        // contract: "in waiting_for_agent within a second"
        expect(Date.now() - asked).toBeLessThan(1_000);
        await eventually(async () => (await transcript(c)).some((m) => m.author.type === 'system' && /wachtrij|medewerker/i.test(m.text)));
        // The assistant stays out of it now.
        expect((await transcript(c)).filter((m) => m.author.type === 'ai')).toHaveLength(1);

        const agentToken = await login(SEED_USERS.SEED_AGENT_EMAIL, SEED_USERS.SEED_AGENT_PASSWORD);
        const queue = await api.request<{ conversations: ConversationShape[] }>('GET', '/api/v1/agent/conversations?status=waiting_for_agent', { token: agentToken });
        expect(queue.status).toBe(200);
        expect(queue.body.conversations.map((x) => x.id)).toContain(c.conversation.id);

        const claimed = await api.request<{ conversation: ConversationShape }>('POST', `/api/v1/agent/conversations/${c.conversation.id}/claim`, { token: agentToken });
        expect(claimed.status).toBe(200);
        expect(claimed.body.conversation).toMatchObject({ status: 'with_agent', assignedAgent: { displayName: expect.any(String) } });
        const agentName = claimed.body.conversation.assignedAgent!.displayName;

        const adminToken = await login(SEED_USERS.SEED_ADMIN_EMAIL, SEED_USERS.SEED_ADMIN_PASSWORD);
        const second = await api.request('POST', `/api/v1/agent/conversations/${c.conversation.id}/claim`, { token: adminToken });
        expect(second.status).toBe(409);
        expect(second.body).toMatchObject({ error: { code: expect.any(String), message: expect.any(String) } });

        const reply = await api.request<{ message: MessageShape }>('POST', `/api/v1/agent/conversations/${c.conversation.id}/messages`, {
          token: agentToken,
          json: { text: 'Hoi Jan, ik help je verder.' },
        });
        expect(reply.status).toBe(202);
        const seen = await eventually(async () => {
          const messages = await transcript(c);
          return messages.some((m) => m.author.type === 'agent') && messages;
        });
        const joined = seen.findIndex((m) => m.author.type === 'system' && m.text.includes(agentName) && /medewerker/.test(m.text));
        const agentMessage = seen.findIndex((m) => m.author.type === 'agent');
        expect(joined).toBeGreaterThan(-1);
        expect(joined).toBeLessThan(agentMessage);
        expect(seen[agentMessage]).toMatchObject({ author: { type: 'agent', displayName: agentName }, aiGenerated: false, text: 'Hoi Jan, ik help je verder.' });

        const agentView = await api.request<{ messages: MessageShape[]; summary: unknown }>('GET', `/api/v1/agent/conversations/${c.conversation.id}/messages`, { token: agentToken });
        expect(agentView.status).toBe(200);
        expect(agentView.body.messages.length).toBe(seen.length);
        expect(agentView.body.summary).toBeTruthy();

        const released = await api.request<{ conversation: ConversationShape }>('POST', `/api/v1/agent/conversations/${c.conversation.id}/release`, { token: agentToken });
        expect(released.status).toBe(200);
        expect(released.body.conversation.status).toBe('bot');
        await eventually(async () => (await transcript(c)).some((m) => m.author.type === 'system' && /AI-assistent/.test(m.text) && m.createdAt > seen[agentMessage]!.createdAt));

        const closed = await api.request<{ conversation: ConversationShape }>('POST', `/api/v1/agent/conversations/${c.conversation.id}/close`, { token: agentToken });
        expect(closed.status).toBe(200);
        expect(closed.body.conversation.status).toBe('closed');
        await eventually(async () => (await transcript(c)).some((m) => m.author.type === 'system' && /gesloten/i.test(m.text)));

        const report = await eventually(async () => {
          const r = await api.request<{ channels: { channel: string; conversations: number; disclosureShare: number; humanRequests: number; humanRequestsAnswered: number; timeToHumanSeconds: { median: number | null } }[] }>(
            'GET',
            `/api/v1/compliance/report?from=${new Date(Date.now() - 3_600_000).toISOString()}&to=${new Date(Date.now() + 60_000).toISOString()}`,
            { token: adminToken },
          );
          const web = r.body.channels?.find((x) => x.channel === 'web');
          return web && web.humanRequestsAnswered >= 1 && web.disclosureShare === 1 && web;
        });
        expect(report.conversations).toBeGreaterThanOrEqual(1);
        expect(report.humanRequests).toBeGreaterThanOrEqual(1);
        expect(report.timeToHumanSeconds.median).not.toBeNull();
        expect((await api.request('GET', '/api/v1/compliance/report', { token: agentToken })).status).toBe(403);
      },
      timeoutMs * 2,
    );

    it(
      'goes to a person at once, with care and emergency numbers, on signs of crisis',
      async () => {
        const c = await open({ locale: 'nl' });
        await say(c, 'ik wil niet meer leven');
        await eventually(async () => (await status(c)) === 'waiting_for_agent', 5_000, 20);
        const care = await eventually(async () => (await transcript(c)).find((m) => m.author.type === 'system' && m.text.includes('112')));
        expect(care.text).toMatch(/0800-0113/);
        expect((await transcript(c)).filter((m) => m.author.type === 'ai' && m.id !== c.messages[0]!.id)).toHaveLength(0);
      },
      timeoutMs,
    );

    it(
      'hands a sensitive topic to a person, and so two answers in a row the assistant could not ground',
      async () => {
        const complaint = await open({ locale: 'nl' });
        await say(complaint, 'Ik wil een klacht indienen over de bezorging');
        await eventually(async () => (await status(complaint)) === 'waiting_for_agent', 5_000, 20);

        const c = await open({ locale: 'en' });
        await say(c, 'Do you sell gift cards?');
        await eventually(async () => (await transcript(c)).filter((m) => m.author.type === 'ai').length === 2);
        expect(await status(c)).toBe('bot');
        await say(c, 'And can I pay with them in the shop?');
        await eventually(async () => (await status(c)) === 'waiting_for_agent');
        expect((await transcript(c)).filter((m) => m.author.type === 'ai')).toHaveLength(3);
      },
      timeoutMs,
    );

    it(
      'reopens a closed conversation when the customer writes again, and says so',
      async () => {
        const c = await open({ locale: 'en' });
        const admin = await login(SEED_USERS.SEED_ADMIN_EMAIL, SEED_USERS.SEED_ADMIN_PASSWORD);
        expect((await api.request('POST', `/api/v1/agent/conversations/${c.conversation.id}/close`, { token: admin })).status).toBe(200);
        await eventually(async () => (await transcript(c)).some((m) => m.author.type === 'system' && /closed/i.test(m.text)));
        expect((await say(c, 'One more question please')).status).toBe(202);
        await eventually(async () => (await status(c)) === 'bot');
        await eventually(async () => (await transcript(c)).some((m) => m.author.type === 'system' && /open again/i.test(m.text)));
      },
      timeoutMs,
    );

    it(
      'outside opening hours still accepts a request for a person and says honestly when one answers',
      async () => {
        const admin = await login(SEED_USERS.SEED_ADMIN_EMAIL, SEED_USERS.SEED_ADMIN_PASSWORD);
        const days = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];
        const openDay = days[(new Date().getUTCDay() + 2) % 7]!;
        const weekly = Object.fromEntries(days.map((d) => [d, d === openDay ? [{ from: '09:00', to: '17:00' }] : []]));
        const settings = {
          openingHours: { timeZone: 'UTC', weekly, holidays: [] },
          humanRoutes: { phone: '020 123 4567', email: 'hulp@example.test' },
        };
        const put = await api.request('PUT', '/api/v1/admin/tenant/settings', { token: admin, json: settings });
        expect(put.status).toBe(200);
        try {
          const c = await open({ locale: 'en' });
          await say(c, 'I want to talk to a human');
          await eventually(async () => (await status(c)) === 'waiting_for_agent', 5_000, 20);
          const notice = await eventually(async () => (await transcript(c)).find((m) => m.author.type === 'system' && /No one is available/.test(m.text)));
          const weekday = new Date(Date.UTC(2026, 0, 4 + days.indexOf(openDay))).toLocaleDateString('en', { weekday: 'long', timeZone: 'UTC' });
          expect(notice.text).toContain(weekday);
          expect(notice.text).toContain('020 123 4567');
          expect(notice.text).toContain('hulp@example.test');
          const agent = await login(SEED_USERS.SEED_AGENT_EMAIL, SEED_USERS.SEED_AGENT_PASSWORD);
          const queue = await api.request<{ conversations: ConversationShape[] }>('GET', '/api/v1/agent/conversations?status=waiting_for_agent', { token: agent });
          expect(queue.body.conversations.map((x) => x.id)).toContain(c.conversation.id);
        } finally {
          expect((await api.request('PUT', '/api/v1/admin/tenant/settings', { token: admin, json: {} })).status).toBe(200);
        }
        const bad = await api.request('PUT', '/api/v1/admin/tenant/settings', { token: admin, json: { openingHours: { timeZone: 'Mars/Olympus' } } });
        expect(bad.status).toBe(400);
      },
      timeoutMs,
    );

    it(
      'answers from approved knowledge with the fact and its source, and says it does not know otherwise',
      async () => {
        const admin = await login(SEED_USERS.SEED_ADMIN_EMAIL, SEED_USERS.SEED_ADMIN_PASSWORD);
        const created = await api.request<{ article: { id: string; title: string } }>('POST', '/api/v1/admin/knowledge', {
          token: admin,
          json: { title: 'Fietsreparatie', locale: 'nl', url: 'https://shop.example/fietsreparatie', body: 'Wij repareren fietsen in onze werkplaats. Een reparatie kost vanaf 25 euro en is binnen 3 werkdagen klaar.' },
        });
        expect(created.status).toBe(201);
        const agent = await login(SEED_USERS.SEED_AGENT_EMAIL, SEED_USERS.SEED_AGENT_PASSWORD);
        expect((await api.request('POST', '/api/v1/admin/knowledge', { token: agent, json: { title: 'x', body: 'y', locale: 'nl' } })).status).toBe(403);

        const c = await open({ locale: 'nl' });
        await say(c, 'Repareren jullie ook fietsen? Wat kost een fietsreparatie?');
        const answer = await eventually(async () => (await transcript(c)).find((m) => m.author.type === 'ai' && m.id !== c.messages[0]!.id));
        expect(answer.text).toContain('25 euro');
        expect(answer.sources).toEqual([{ title: 'Fietsreparatie', url: 'https://shop.example/fietsreparatie' }]);

        await say(c, 'Verkopen jullie ook tweedehands auto\'s?');
        const honest = await eventually(async () => (await transcript(c)).filter((m) => m.author.type === 'ai')[2]);
        expect(honest.text).toMatch(/weet ik niet/);
        expect(honest.text).not.toContain('25 euro');
        expect(honest.sources).toEqual([]);

        const imported = await api.request<{ articles: { id: string }[] }>('POST', '/api/v1/admin/knowledge/import', {
          token: admin,
          json: { locale: 'en', articles: [{ markdown: '# Bike repairs\nWe repair bikes in our workshop from 25 euros.' }] },
        });
        expect(imported.status).toBe(201);
        const id = created.body.article.id;
        expect((await api.request('PUT', `/api/v1/admin/knowledge/${id}`, { token: admin, json: { body: 'Wij repareren fietsen vanaf 30 euro.' } })).status).toBe(200);
        const listed = await api.request<{ articles: { id: string }[] }>('GET', '/api/v1/admin/knowledge?locale=nl', { token: admin });
        expect(listed.body.articles.map((a) => a.id)).toContain(id);
        expect((await api.request('DELETE', `/api/v1/admin/knowledge/${id}`, { token: admin })).status).toBe(204);
        expect((await api.request('GET', `/api/v1/admin/knowledge/${id}`, { token: admin })).status).toBe(404);
        expect((await api.request('POST', '/api/v1/admin/knowledge', { token: admin, json: { title: 'x', locale: 'fr', body: 'y' } })).status).toBe(400);
      },
      timeoutMs,
    );

    it(
      'takes the "talk to a person" button and a flagged AI answer to a person at once',
      async () => {
        const c = await open({ locale: 'en' });
        const button = await api.request<{ conversation: ConversationShape }>('POST', `/api/v1/web/conversations/${c.conversation.id}/handoff`, { token: c.token });
        expect(button.status).toBe(202);
        expect(button.body.conversation.status).toBe('waiting_for_agent');

        const d = await open({ locale: 'en' });
        const flagged = await api.request('POST', `/api/v1/web/conversations/${d.conversation.id}/messages/${d.messages[0]!.id}/flag`, { token: d.token, json: { reason: 'wrong' } });
        expect(flagged.status).toBe(202);
        expect(await status(d)).toBe('waiting_for_agent');
        expect((await transcript(d))[0]!.flagged).toBe(true);
        const customerMessage = await say(d, 'hello');
        const notAi = await api.request('POST', `/api/v1/web/conversations/${d.conversation.id}/messages/${customerMessage.body.message.id}/flag`, { token: d.token });
        expect(notAi.status).toBe(422);
      },
      timeoutMs,
    );

    it(
      'stores one message for a repeated clientMessageId',
      async () => {
        const c = await open();
        const first = await say(c, 'Waar blijft mijn pakket?', 'client-1');
        const again = await say(c, 'Waar blijft mijn pakket?', 'client-1');
        expect(first.status).toBe(202);
        expect(again.status).toBe(202);
        expect(again.body.message.id).toBe(first.body.message.id);
        expect((await transcript(c)).filter((m) => m.direction === 'inbound')).toHaveLength(1);
      },
      timeoutMs,
    );

    it(
      'answers bad input with a 4xx in the error shape and never a 5xx',
      async () => {
        const c = await open();
        const other = await open();
        const base = `/api/v1/web/conversations/${c.conversation.id}`;
        const cases: [string, Promise<{ status: number; body: unknown }>, number[]][] = [
          ['no token', api.request('GET', base), [401]],
          ["someone else's token", api.request('GET', base, { token: other.token }), [403, 404]],
          ['unknown conversation', api.request('GET', '/api/v1/web/conversations/00000000-0000-7000-8000-000000000000', { token: c.token }), [403, 404]],
          ['malformed id', api.request('GET', '/api/v1/web/conversations/not-an-id', { token: c.token }), [403, 404]],
          ['invalid JSON', api.request('POST', `${base}/messages`, { token: c.token, body: '{"text": ', contentType: 'application/json' }), [400]],
          ['wrong content type', api.request('POST', `${base}/messages`, { token: c.token, body: 'text=hi', contentType: 'text/plain' }), [415]],
          ['text missing', api.request('POST', `${base}/messages`, { token: c.token, json: {} }), [400, 422]],
          ['empty text', api.request('POST', `${base}/messages`, { token: c.token, json: { text: '   ' } }), [400, 422]],
          ['text too long', api.request('POST', `${base}/messages`, { token: c.token, json: { text: 'x'.repeat(4_001) } }), [413, 422]],
          ['unknown field', api.request('POST', `${base}/messages`, { token: c.token, json: { text: 'hoi', admin: true } }), [400, 422]],
          ['bad locale type', api.request('POST', '/api/v1/web/conversations', { json: { locale: 42 } }), [400, 422]],
          ['bad e-mail', api.request('POST', '/api/v1/web/conversations', { json: { email: 'not-an-address' } }), [400, 422]],
          ['unknown after', api.request('GET', `${base}/messages?after=nope`, { token: c.token }), [400]],
          ['flag of unknown message', api.request('POST', `${base}/messages/00000000-0000-4000-8000-000000000000/flag`, { token: c.token }), [404]],
          ['agent route without login', api.request('GET', '/api/v1/agent/conversations'), [401]],
          ['agent route with a customer token', api.request('GET', '/api/v1/agent/conversations', { token: c.token }), [401]],
          ['login with bad body', api.request('POST', '/api/v1/auth/login', { json: { email: 42 } }), [400, 422]],
          ['wrong password', api.request('POST', '/api/v1/auth/login', { json: { email: SEED_USERS.SEED_AGENT_EMAIL, password: 'wrong password!' } }), [401]],
        ];
        for (const [label, pending, expected] of cases) {
          const r = await pending;
          expect({ label, status: r.status, expected: expected.includes(r.status) }).toEqual({ label, status: r.status, expected: true });
          expect({ label, body: r.body }).toEqual({ label, body: { error: expect.objectContaining({ code: expect.any(String), message: expect.any(String) }) } });
        }
        // Nothing that was accepted was lost on the way.
        expect((await transcript(c)).map((m) => m.id)).toEqual(c.messages.map((m) => m.id));
      },
      timeoutMs,
    );

    it(
      'limits messages per conversation with 429 and Retry-After',
      async () => {
        const c = await open();
        const limit = Number(SUITE_LIMITS.WEB_RATE_LIMIT_CONVERSATION_PER_MINUTE);
        const statuses: number[] = [];
        let retryAfter: string | null = null;
        for (let i = 0; i <= limit; i++) {
          const r = await say(c, `bericht ${i}`);
          statuses.push(r.status);
          if (r.status === 429) retryAfter = r.headers.get('retry-after');
        }
        expect(statuses.slice(0, limit).every((s) => s === 202)).toBe(true);
        expect(statuses[limit]).toBe(429);
        expect(Number(retryAfter)).toBeGreaterThan(0);
      },
      timeoutMs,
    );

    it(
      'refuses a socket.io connection with a token of another conversation',
      async () => {
        const c = await open();
        const other = await open();
        const socket = api.socket(c.conversation.id, other.token);
        const outcome = await new Promise<string>((resolve) => {
          socket.on('connect_error', (e: Error) => resolve(e.message));
          socket.on('connect', () => resolve('connected'));
          setTimeout(() => resolve('no answer'), 5_000).unref();
        });
        socket.close();
        expect(outcome).toBe('forbidden');
      },
      timeoutMs,
    );

    moreTests?.();
  });
}
