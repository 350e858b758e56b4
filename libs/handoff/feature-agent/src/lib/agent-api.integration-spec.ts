import { Module, type DynamicModule } from '@nestjs/common';
import { hash } from '@node-rs/argon2';
import { DataSource } from 'typeorm';
import { z } from 'zod';
import type { AnyEvent, Channel, ConversationStatus, HandoffTrigger } from '@pegamento/contracts';
import { appendToOutbox, busEntities, busMigrations } from '@pegamento/data-access-bus';
import {
  ConversationEntity,
  conversationsEntities,
  conversationsMigrations,
  HandoffRequestEntity,
  MessageEntity,
  requestHuman,
  TenantEntity,
} from '@pegamento/data-access-conversations';
// The test boots the real platform around the module, as the apps do.
import { PlatformModule, startService, type RunningService } from '@pegamento/feature-platform';
import { handoffEntities, handoffMigrations, UserEntity, type UserRole } from '@pegamento/handoff-data-access';
import { AuthModule } from '@pegamento/util-auth';
import { authEnv, platformSchema, webChatEnv } from '@pegamento/util-config';
import { testFieldKeyRing } from '@pegamento/util-crypto/testing';
import { createTestDatabase, eventually, type TestDatabase } from '@pegamento/util-testing';
import { AccessTokenService } from '@pegamento/util-auth';
import { HandoffFeatureModule } from './handoff-feature.module';

const testSchema = platformSchema.extend({ ...authEnv, ...webChatEnv });
type TestConfig = z.infer<typeof testSchema>;

@Module({})
class HandoffTestAppModule {
  static register(config: TestConfig, databaseUrl: string): DynamicModule {
    return {
      module: HandoffTestAppModule,
      imports: [
        PlatformModule.forRoot({
          serviceName: 'handoff-test',
          config,
          databaseUrl,
          entities: [...busEntities, ...conversationsEntities, ...handoffEntities],
          migrations: [...busMigrations, ...conversationsMigrations, ...handoffMigrations],
          fieldKeys: testFieldKeyRing(),
        }),
        AuthModule.forRoot({ secret: config.JWT_SECRET ?? '', ttlSeconds: config.JWT_TTL_SECONDS }),
        HandoffFeatureModule.register(config),
      ],
    };
  }
}

const SEED_AGENT = { email: 'agent@example.com', password: 'agent-password-1' };
const SEED_ADMIN = { email: 'Admin@Example.com', password: 'admin-password-1' };
const LOCKOUT_MS = 1_500;

function startHandoff(databaseUrl: string, env: Record<string, string> = {}): Promise<RunningService> {
  return startService(
    {
      name: 'handoff-test',
      schema: testSchema,
      allowEmbeddedDatabase: false,
      module: (config, url) => HandoffTestAppModule.register(config, url),
    },
    {
      LOG_LEVEL: 'silent',
      PORT: '0',
      DATABASE_URL: databaseUrl,
      OUTBOX_POLL_INTERVAL_MS: '25',
      BUS_RETRY_BASE_MS: '10',
      JWT_SECRET: 'handoff-integration-test-secret-0123456789',
      LOGIN_MAX_FAILURES: '3',
      LOGIN_LOCKOUT_MS: String(LOCKOUT_MS),
      LOGIN_RATE_LIMIT_PER_MINUTE: '1000',
      SEED_AGENT_EMAIL: SEED_AGENT.email,
      SEED_AGENT_PASSWORD: SEED_AGENT.password,
      SEED_ADMIN_EMAIL: SEED_ADMIN.email,
      SEED_ADMIN_PASSWORD: SEED_ADMIN.password,
      ...env,
    },
  );
}

interface Reply {
  status: number;
  headers: Headers;
  body: Record<string, unknown> & { error?: { code: string; message: string } };
}

type Json = Record<string, unknown>;

/** The value of one Prometheus sample whose labels include `labels`. */
function metricValue(exposition: string, name: string, labels: Record<string, string>): number | undefined {
  const line = exposition
    .split('\n')
    .find((l) => l.startsWith(`${name}{`) && Object.entries(labels).every(([key, value]) => l.includes(`${key}="${value}"`)));
  return line === undefined ? undefined : Number(line.slice(line.lastIndexOf(' ') + 1));
}

describe('handoff agent API', () => {
  let db: TestDatabase;

  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(async () => {
    await db?.drop();
  });

  describe('on a running handoff service', () => {
    let service: RunningService;
    let ds: DataSource;

    beforeAll(async () => {
      service = await startHandoff(db.url);
      ds = service.app.get(DataSource);
      await ds.getRepository(TenantEntity).save([
        { id: 'other', name: 'Other', defaultLocale: 'en', settings: {} },
        { id: 'auto', name: 'Auto', defaultLocale: 'nl', settings: { autoAssign: true } },
      ]);
    });
    afterAll(async () => {
      await service?.stop();
    });

    async function call(method: string, path: string, options: { token?: string; body?: unknown; raw?: string } = {}): Promise<Reply> {
      const headers: Record<string, string> = {};
      if (options.token) headers['authorization'] = `Bearer ${options.token}`;
      if (options.body !== undefined || options.raw !== undefined) headers['content-type'] = 'application/json';
      const response = await fetch(`${service.url}${path}`, {
        method,
        headers,
        body: options.raw ?? (options.body === undefined ? undefined : JSON.stringify(options.body)),
      });
      const text = await response.text();
      return { status: response.status, headers: response.headers, body: text ? (JSON.parse(text) as Reply['body']) : {} };
    }

    const login = (email: string, password: string) => call('POST', '/api/v1/auth/login', { body: { email, password } });

    async function tokenFor(email: string, password: string): Promise<string> {
      const reply = await login(email, password);
      expect(reply.status).toBe(200);
      return reply.body['accessToken'] as string;
    }

    async function createUser(
      email: string,
      options: { tenantId?: string; role?: UserRole; password?: string; active?: boolean; available?: boolean; languages?: string[]; displayName?: string } = {},
    ): Promise<UserEntity> {
      return ds.getRepository(UserEntity).save(
        ds.getRepository(UserEntity).create({
          tenantId: options.tenantId ?? 'default',
          email,
          displayName: options.displayName ?? email.split('@')[0]!,
          role: options.role ?? 'agent',
          passwordHash: await hash(options.password ?? 'a-password-123'),
          active: options.active ?? true,
          available: options.available ?? false,
          languages: options.languages ?? ['nl', 'en'],
        }),
      );
    }

    async function createConversation(
      options: {
        tenantId?: string;
        status?: ConversationStatus;
        locale?: string;
        channel?: Channel;
        trigger?: HandoffTrigger;
        summary?: string | null;
        assignedTo?: UserEntity;
        messages?: Partial<MessageEntity>[];
      } = {},
    ): Promise<ConversationEntity> {
      const tenantId = options.tenantId ?? 'default';
      const conversation = await ds.getRepository(ConversationEntity).save(
        ds.getRepository(ConversationEntity).create({
          tenantId,
          channel: options.channel ?? 'web',
          status: options.status ?? 'bot',
          locale: options.locale ?? 'nl',
          assignedAgentId: options.assignedTo?.id ?? null,
          assignedAgentName: options.assignedTo?.displayName ?? null,
        }),
      );
      for (const message of options.messages ?? []) {
        await ds.getRepository(MessageEntity).save(
          ds.getRepository(MessageEntity).create({
            tenantId,
            conversationId: conversation.id,
            direction: message.authorType === 'customer' ? 'inbound' : 'outbound',
            authorType: 'customer',
            authorDisplayName: message.authorType === 'ai' ? 'Digitale assistent (AI)' : 'Klant',
            aiGenerated: message.authorType === 'ai',
            text: 'hallo',
            locale: conversation.locale,
            ...message,
          }),
        );
      }
      if (conversation.status === 'waiting_for_agent' || conversation.status === 'with_agent') {
        const request = await ds.getRepository(HandoffRequestEntity).save(
          ds.getRepository(HandoffRequestEntity).create({
            tenantId,
            conversationId: conversation.id,
            channel: conversation.channel,
            trigger: options.trigger ?? 'customer_request',
            reason: null,
            summary: options.summary ?? null,
            outsideHours: false,
            requestedAt: new Date(Date.now() - 90_000),
            claimedAt: options.assignedTo ? new Date() : null,
            agentId: options.assignedTo?.id ?? null,
          }),
        );
        conversation.openHandoffId = request.id;
        await ds.getRepository(ConversationEntity).save(conversation);
      }
      return conversation;
    }

    async function outboxEvents(type: string, conversationId: string): Promise<AnyEvent[]> {
      const rows = (await ds.query(`SELECT envelope FROM outbox WHERE event_type = $1 AND message_key = $2 ORDER BY id`, [type, conversationId])) as {
        envelope: AnyEvent;
      }[];
      return rows.map((r) => r.envelope);
    }

    describe('seeding', () => {
      it('creates the default tenant and the SEED_AGENT and SEED_ADMIN users at start', async () => {
        const tenant = await ds.getRepository(TenantEntity).findOneByOrFail({ id: 'default' });
        expect(tenant).toMatchObject({ name: 'Default', defaultLocale: 'nl' });
        const agent = await ds.getRepository(UserEntity).findOneByOrFail({ tenantId: 'default', email: 'agent@example.com' });
        expect(agent).toMatchObject({ role: 'agent', displayName: 'Agent', available: true, active: true });
        expect(agent.passwordHash).toMatch(/^\$argon2id\$/);
        const admin = await ds.getRepository(UserEntity).findOneByOrFail({ tenantId: 'default', email: 'admin@example.com' });
        expect(admin).toMatchObject({ role: 'admin', displayName: 'Admin' });
      });
    });

    describe('POST /api/v1/auth/refresh', () => {
      it('renews a valid token and keeps the time of the password login; refuses after JWT_MAX_SESSION_SECONDS', async () => {
        const token = await tokenFor('Agent@Example.com', SEED_AGENT.password);
        const tokens = service.app.get(AccessTokenService);
        const loggedIn = (await tokens.verify(token)).authTime!;
        const renewed = await call('POST', '/api/v1/auth/refresh', { token });
        expect(renewed.status).toBe(200);
        expect((await tokens.verify(renewed.body['accessToken'] as string)).authTime).toBe(loggedIn);
        // A token whose password login lies longer ago than the maximum session (12 h by default).
        const principal = await tokens.verify(token);
        const stale = await tokens.sign({ ...principal, authTime: Math.floor(Date.now() / 1000) - 12 * 3_600 - 60 });
        const refused = await call('POST', '/api/v1/auth/refresh', { token: stale });
        expect(refused.status).toBe(401);
        expect(refused.body['error']).toMatchObject({ code: 'session_expired' });
        expect((await call('POST', '/api/v1/auth/refresh')).status).toBe(401);
      });
    });

    describe('POST /api/v1/auth/login', () => {
      it('logs the seeded agent in with a JWT the agent API accepts', async () => {
        const reply = await login('Agent@Example.com', SEED_AGENT.password);
        expect(reply.status).toBe(200);
        expect(reply.body).toMatchObject({
          accessToken: expect.stringMatching(/^[\w-]+\.[\w-]+\.[\w-]+$/),
          tokenType: 'Bearer',
          expiresIn: 15 * 60,
          user: { displayName: 'Agent', role: 'agent', tenantId: 'default' },
        });
        const me = await call('GET', '/api/v1/agent/me', { token: reply.body['accessToken'] as string });
        expect(me.status).toBe(200);
        expect(me.body['agent']).toMatchObject({ displayName: 'Agent', role: 'agent', available: true });
      });

      it('answers a wrong password and an unknown e-mail address alike: 401 invalid_credentials', async () => {
        const wrongPassword = await login(SEED_ADMIN.email, 'not-the-password');
        const unknownEmail = await login('nobody@example.com', SEED_ADMIN.password);
        for (const reply of [wrongPassword, unknownEmail]) {
          expect(reply.status).toBe(401);
          expect(reply.body).toEqual({ error: { code: 'invalid_credentials', message: 'The e-mail address or password is not right.' } });
        }
      });

      it('answers a malformed body with 400 invalid_request naming the problems', async () => {
        const reply = await call('POST', '/api/v1/auth/login', { body: { email: 'not-an-address' } });
        expect(reply.status).toBe(400);
        expect(reply.body.error?.code).toBe('invalid_request');
        expect(reply.body.error?.message).toMatch(/email/);
        expect(reply.body.error?.message).toMatch(/password/);
      });

      it('locks an account after LOGIN_MAX_FAILURES failures in a row: 429 account_locked with Retry-After, then lets the right password in', async () => {
        const user = await createUser('locked@example.com', { password: 'the-right-password' });
        for (let i = 0; i < 3; i++) expect((await login('locked@example.com', 'wrong-password')).status).toBe(401);
        const locked = await login('locked@example.com', 'the-right-password');
        expect(locked.status).toBe(429);
        expect(locked.body.error?.code).toBe('account_locked');
        expect(locked.body.error?.message).toMatch(/locked.*try again in \d+ seconds?/i);
        expect(Number(locked.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
        expect(Number(locked.headers.get('retry-after'))).toBeLessThanOrEqual(2);

        await new Promise((r) => setTimeout(r, LOCKOUT_MS + 100));
        expect((await login('locked@example.com', 'the-right-password')).status).toBe(200);
        const after = await ds.getRepository(UserEntity).findOneByOrFail({ id: user.id });
        expect(after).toMatchObject({ failedLogins: 0, lockedUntil: null });
        expect(after.lastLoginAt).toBeInstanceOf(Date);
      });

      it('locks an unknown address the same way, so a lockout does not tell whether an address exists', async () => {
        for (let i = 0; i < 3; i++) expect((await login('ghost@example.com', 'wrong-password')).status).toBe(401);
        const reply = await login('ghost@example.com', 'wrong-password');
        expect(reply.status).toBe(429);
        expect(reply.body.error?.code).toBe('account_locked');
        expect(reply.headers.get('retry-after')).toBeTruthy();

        // Counted in the database, under a hash of the address: another replica refuses it too.
        const keys = (await ds.query(`SELECT key FROM rate_limit_points WHERE key LIKE 'login-unknown:%'`)) as { key: string }[];
        expect(keys.length).toBeGreaterThan(0);
        expect(JSON.stringify(keys)).not.toContain('ghost');
        const replica = await startHandoff(db.url);
        try {
          const elsewhere = await fetch(`${replica.url}/api/v1/auth/login`, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({ email: 'ghost@example.com', password: 'wrong-password' }),
          });
          expect(elsewhere.status).toBe(429);
          expect(((await elsewhere.json()) as Reply['body']).error?.code).toBe('account_locked');
        } finally {
          await replica.stop();
        }
        // Like a user's lock, it runs out.
        await new Promise((r) => setTimeout(r, LOCKOUT_MS + 100));
        expect((await login('ghost@example.com', 'wrong-password')).status).toBe(401);
      });

      it('does not let an inactive user in, and answers as for a wrong password', async () => {
        await createUser('gone@example.com', { password: 'the-right-password', active: false });
        const reply = await login('gone@example.com', 'the-right-password');
        expect(reply.status).toBe(401);
        expect(reply.body.error?.code).toBe('invalid_credentials');
      });
    });

    describe('agent routes', () => {
      let agentToken: string;
      let adminToken: string;
      let secondToken: string;
      let agent: UserEntity;
      let second: UserEntity;

      beforeAll(async () => {
        agentToken = await tokenFor(SEED_AGENT.email, SEED_AGENT.password);
        adminToken = await tokenFor(SEED_ADMIN.email, SEED_ADMIN.password);
        second = await createUser('tweede@example.com', { password: 'second-password', displayName: 'Tweede' });
        secondToken = await tokenFor('tweede@example.com', 'second-password');
        agent = await ds.getRepository(UserEntity).findOneByOrFail({ email: SEED_AGENT.email });
      });

      it('answers 401 without a token or with a bad one', async () => {
        const conversation = await createConversation({ status: 'waiting_for_agent' });
        for (const [method, path] of [
          ['GET', '/api/v1/agent/conversations'],
          ['GET', `/api/v1/agent/conversations/${conversation.id}/messages`],
          ['POST', `/api/v1/agent/conversations/${conversation.id}/claim`],
          ['POST', `/api/v1/agent/conversations/${conversation.id}/messages`],
          ['GET', '/api/v1/agent/queue'],
        ] as const) {
          const reply = await call(method, path, method === 'POST' ? { body: { text: 'hoi' } } : {});
          expect(reply.status).toBe(401);
          expect(reply.body.error?.code).toBe('unauthorized');
        }
        expect((await call('GET', '/api/v1/agent/conversations', { token: 'not.a.jwt' })).status).toBe(401);
      });

      it('lists the tenant’s conversations, newest activity first, with the open request beside each', async () => {
        const older = await createConversation({ status: 'waiting_for_agent', channel: 'whatsapp', locale: 'en', trigger: 'handoff_button' });
        const newer = await createConversation({ status: 'bot' });
        const foreign = await createConversation({ tenantId: 'other', status: 'waiting_for_agent' });
        // A new message makes the older conversation the most recent activity.
        await new Promise((r) => setTimeout(r, 20));
        await ds.getRepository(MessageEntity).save(
          ds.getRepository(MessageEntity).create({
            tenantId: 'default',
            conversationId: older.id,
            direction: 'inbound',
            authorType: 'customer',
            authorDisplayName: 'Klant',
            aiGenerated: false,
            text: 'Nog iemand?',
            locale: 'en',
          }),
        );

        const all = await call('GET', '/api/v1/agent/conversations', { token: agentToken });
        expect(all.status).toBe(200);
        const ids = (all.body['conversations'] as Json[]).map((c) => c['id']);
        expect(ids).toContain(newer.id);
        expect(ids).not.toContain(foreign.id);
        expect(ids.indexOf(older.id)).toBeLessThan(ids.indexOf(newer.id));

        const waiting = await call('GET', '/api/v1/agent/conversations?status=waiting_for_agent', { token: agentToken });
        const items = waiting.body['conversations'] as Json[];
        expect(items.every((c) => c['status'] === 'waiting_for_agent')).toBe(true);
        expect(items.find((c) => c['id'] === older.id)).toEqual({
          id: older.id,
          channel: 'whatsapp',
          status: 'waiting_for_agent',
          locale: 'en',
          assignedAgent: null,
          createdAt: expect.any(String),
          updatedAt: expect.any(String),
          waitingSince: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
          trigger: 'handoff_button',
          outsideHours: false,
          lastActivityAt: expect.any(String),
        });
      });

      it('treats an empty status filter as none', async () => {
        const reply = await call('GET', '/api/v1/agent/conversations?status=', { token: agentToken });
        expect(reply.status).toBe(200);
        expect(new Set((reply.body['conversations'] as Json[]).map((c) => c['status'])).size).toBeGreaterThan(1);
      });

      it('answers an unknown status filter with 400 invalid_request', async () => {
        const reply = await call('GET', '/api/v1/agent/conversations?status=sleeping', { token: agentToken });
        expect(reply.status).toBe(400);
        expect(reply.body.error?.code).toBe('invalid_request');
        expect(reply.body.error?.message).toMatch(/status/);
      });

      it('shows the whole transcript with a summary made from the trigger and the last messages, and audits the read', async () => {
        const conversation = await createConversation({
          status: 'waiting_for_agent',
          trigger: 'flagged_answer',
          messages: [
            { authorType: 'customer', text: 'Hoe lang duurt de levering?' },
            { authorType: 'ai', text: 'Binnen 2 werkdagen.', sources: [{ title: 'Levering', url: 'https://example.com/levering' }], flagged: true },
            { authorType: 'customer', text: 'Dat klopt niet.' },
          ],
        });
        const reply = await call('GET', `/api/v1/agent/conversations/${conversation.id}/messages`, { token: agentToken });
        expect(reply.status).toBe(200);
        const messages = reply.body['messages'] as Json[];
        expect(messages.map((m) => m['text'])).toEqual(['Hoe lang duurt de levering?', 'Binnen 2 werkdagen.', 'Dat klopt niet.']);
        expect(messages[1]).toMatchObject({
          conversationId: conversation.id,
          direction: 'outbound',
          author: { type: 'ai', displayName: 'Digitale assistent (AI)' },
          aiGenerated: true,
          sources: [{ title: 'Levering', url: 'https://example.com/levering' }],
          flagged: true,
        });
        expect(messages[0]).toMatchObject({ author: { type: 'customer' }, aiGenerated: false, flagged: false });
        expect(reply.body['summary']).toBe(
          'Trigger: flagged_answer: the customer marked an AI answer as wrong\n' +
            'customer: Hoe lang duurt de levering?\n' +
            'AI assistant: Binnen 2 werkdagen.\n' +
            'customer: Dat klopt niet.',
        );
        expect(reply.body['handoff']).toMatchObject({ trigger: 'flagged_answer', reason: null, outsideHours: false, requestedAt: expect.any(String) });

        const [audit] = await outboxEvents('audit.recorded', conversation.id);
        expect(audit).toMatchObject({
          tenantId: 'default',
          conversationId: conversation.id,
          payload: { action: 'transcript.read', actor: { type: 'agent', id: agent.id }, details: {} },
        });
      });

      it('shows a stored summary as it is, and no summary for a conversation nobody asked a person for', async () => {
        const summarised = await createConversation({ status: 'waiting_for_agent', summary: 'Klant wil een retour.' });
        expect((await call('GET', `/api/v1/agent/conversations/${summarised.id}/messages`, { token: agentToken })).body['summary']).toBe(
          'Klant wil een retour.',
        );
        const plain = await createConversation({ status: 'bot', messages: [{ authorType: 'customer', text: 'hoi' }] });
        const reply = await call('GET', `/api/v1/agent/conversations/${plain.id}/messages`, { token: adminToken });
        expect(reply.body).toMatchObject({ summary: null, handoff: null });
        const [audit] = await outboxEvents('audit.recorded', plain.id);
        expect(audit?.payload).toMatchObject({ action: 'transcript.read', actor: { type: 'admin' } });
      });

      it('lets one agent claim, reply, release and close; another agent gets 409', async () => {
        const conversation = await createConversation({ status: 'waiting_for_agent', channel: 'whatsapp', messages: [{ authorType: 'customer', text: 'Mens graag' }] });
        const base = `/api/v1/agent/conversations/${conversation.id}`;

        const early = await call('POST', `${base}/messages`, { token: agentToken, body: { text: 'Hallo!' } });
        expect(early.status).toBe(409);
        expect(early.body.error).toEqual({ code: 'conflict', message: expect.stringMatching(/claim/i) });

        const claimed = await call('POST', `${base}/claim`, { token: agentToken });
        expect(claimed.status).toBe(200);
        expect(claimed.body['conversation']).toMatchObject({ id: conversation.id, status: 'with_agent', assignedAgent: { id: agent.id, displayName: 'Agent' } });
        expect((await outboxEvents('conversation.status', conversation.id)).map((e) => e.payload)).toEqual([
          { status: 'with_agent', previousStatus: 'waiting_for_agent', assignedAgent: { id: agent.id, displayName: 'Agent' }, reason: 'claimed' },
        ]);
        expect((await call('POST', `${base}/claim`, { token: agentToken })).status).toBe(200);

        const stolen = await call('POST', `${base}/claim`, { token: secondToken });
        expect(stolen.status).toBe(409);
        expect(stolen.body.error?.code).toBe('conflict');
        expect((await call('POST', `${base}/messages`, { token: secondToken, body: { text: 'Ik ook' } })).status).toBe(409);

        const sent = await call('POST', `${base}/messages`, { token: agentToken, body: { text: 'Hallo, ik ben Agent. Waarmee kan ik helpen?' } });
        expect(sent.status).toBe(202);
        const message = sent.body['message'] as Json;
        expect(message).toEqual({
          id: expect.any(String),
          conversationId: conversation.id,
          direction: 'outbound',
          author: { type: 'agent', displayName: 'Agent' },
          text: 'Hallo, ik ben Agent. Waarmee kan ik helpen?',
          aiGenerated: false,
          flagged: false,
          createdAt: expect.any(String),
        });
        const row = await ds.getRepository(MessageEntity).findOneByOrFail({ id: message['id'] as string });
        expect(row).toMatchObject({ authorType: 'agent', authorId: agent.id, authorDisplayName: 'Agent', aiGenerated: false, direction: 'outbound', locale: 'nl' });
        const [reply] = await outboxEvents('agent.reply', conversation.id);
        expect(reply).toMatchObject({
          type: 'agent.reply',
          tenantId: 'default',
          payload: { messageId: message['id'], agent: { id: agent.id, displayName: 'Agent' }, channel: 'whatsapp', text: 'Hallo, ik ben Agent. Waarmee kan ik helpen?', fromAiDraft: false },
        });

        const request = await ds.getRepository(HandoffRequestEntity).findOneByOrFail({ conversationId: conversation.id });
        expect(request.firstHumanReplyAt).toBeInstanceOf(Date);
        expect((await call('POST', `${base}/messages`, { token: agentToken, body: { text: 'Nog iets?' } })).status).toBe(202);
        expect((await ds.getRepository(HandoffRequestEntity).findOneByOrFail({ id: request.id })).firstHumanReplyAt).toEqual(request.firstHumanReplyAt);
        expect(await outboxEvents('agent.reply', conversation.id)).toHaveLength(2);

        const metrics = await (await fetch(`${service.url}/metrics`)).text();
        expect(metricValue(metrics, 'pegamento_time_to_human_seconds_count', { channel: 'whatsapp', service: 'handoff-test' })).toBe(1);
        expect(metricValue(metrics, 'pegamento_time_to_human_seconds_bucket', { channel: 'whatsapp', le: '60' })).toBe(0);
        expect(metricValue(metrics, 'pegamento_time_to_human_seconds_bucket', { channel: 'whatsapp', le: '120' })).toBe(1);

        expect((await call('POST', `${base}/release`, { token: secondToken })).status).toBe(409);
        const released = await call('POST', `${base}/release`, { token: agentToken });
        expect(released.status).toBe(200);
        expect(released.body['conversation']).toMatchObject({ status: 'bot', assignedAgent: null });
        expect((await call('POST', `${base}/release`, { token: agentToken })).status).toBe(409);

        const closed = await call('POST', `${base}/close`, { token: secondToken });
        expect(closed.status).toBe(200);
        expect(closed.body['conversation']).toMatchObject({ status: 'closed' });
        expect((await call('POST', `${base}/close`, { token: agentToken })).status).toBe(200);
        const reclaimed = await call('POST', `${base}/claim`, { token: agentToken });
        expect(reclaimed.status).toBe(409);
        expect(reclaimed.body.error?.code).toBe('conflict');
        expect((await outboxEvents('conversation.status', conversation.id)).map((e) => e.payload)).toMatchObject([
          { status: 'with_agent' },
          { status: 'bot', previousStatus: 'with_agent', reason: 'released' },
          { status: 'closed', previousStatus: 'bot', reason: 'closed' },
        ]);
      });

      it('lets an admin reply in and close a conversation another agent has', async () => {
        const conversation = await createConversation({ status: 'with_agent', assignedTo: second });
        const base = `/api/v1/agent/conversations/${conversation.id}`;
        const sent = await call('POST', `${base}/messages`, { token: adminToken, body: { text: 'Ik neem het even over.' } });
        expect(sent.status).toBe(202);
        expect(sent.body['message']).toMatchObject({ author: { type: 'agent', displayName: 'Admin' } });
        expect((await call('POST', `${base}/close`, { token: agentToken })).status).toBe(409);
        expect((await call('POST', `${base}/close`, { token: adminToken })).status).toBe(200);
      });

      it('refuses a reply that is empty, blank, too long or not JSON with 400 invalid_request', async () => {
        const conversation = await createConversation({ status: 'with_agent', assignedTo: agent });
        const path = `/api/v1/agent/conversations/${conversation.id}/messages`;
        for (const body of [{}, { text: '' }, { text: '   ' }, { text: 'x'.repeat(4_001) }, { text: 42 }]) {
          const reply = await call('POST', path, { token: agentToken, body });
          expect(reply.status).toBe(400);
          expect(reply.body.error?.code).toBe('invalid_request');
          expect(reply.body.error?.message).toMatch(/text/);
        }
        expect((await call('POST', path, { token: agentToken, raw: '{"text": ' })).status).toBe(400);
        expect((await call('POST', path, { token: agentToken, body: { text: 'x'.repeat(4_000) } })).status).toBe(202);
        expect(await ds.getRepository(MessageEntity).countBy({ conversationId: conversation.id })).toBe(1);
      });

      it('answers 404 for another tenant’s conversation and for an id that names none', async () => {
        const foreign = await createConversation({ tenantId: 'other', status: 'waiting_for_agent' });
        for (const id of [foreign.id, '00000000-0000-4000-8000-000000000000', 'not-a-uuid']) {
          const base = `/api/v1/agent/conversations/${id}`;
          for (const [method, path, body] of [
            ['GET', `${base}/messages`, undefined],
            ['POST', `${base}/claim`, undefined],
            ['POST', `${base}/messages`, { text: 'hoi' }],
            ['POST', `${base}/release`, undefined],
            ['POST', `${base}/close`, undefined],
          ] as const) {
            const reply = await call(method, path, { token: adminToken, body });
            expect([path, reply.status]).toEqual([path, 404]);
            expect(reply.body.error?.code).toBe('not_found');
          }
        }
        expect(await ds.getRepository(ConversationEntity).findOneByOrFail({ id: foreign.id })).toMatchObject({ status: 'waiting_for_agent', assignedAgentId: null });
        expect(await outboxEvents('audit.recorded', foreign.id)).toHaveLength(0);
      });

      it('shows the queue with conversations in the agent’s languages first, and how long each waits', async () => {
        const german = await createConversation({ status: 'waiting_for_agent', locale: 'de', channel: 'email', trigger: 'could_not_answer' });
        const dutch = await createConversation({ status: 'waiting_for_agent', locale: 'nl', channel: 'sms' });
        const reply = await call('GET', '/api/v1/agent/queue', { token: secondToken });
        expect(reply.status).toBe(200);
        const queue = reply.body['queue'] as Json[];
        expect(queue.every((q) => q['status'] === 'waiting_for_agent')).toBe(true);
        const ids = queue.map((q) => q['id']);
        expect(ids.indexOf(dutch.id)).toBeLessThan(ids.indexOf(german.id));
        expect(queue.find((q) => q['id'] === german.id)).toMatchObject({
          channel: 'email',
          locale: 'de',
          trigger: 'could_not_answer',
          matchesLanguages: false,
          waitingSeconds: expect.any(Number),
        });
        expect(queue.find((q) => q['id'] === dutch.id)?.['waitingSeconds']).toBeGreaterThanOrEqual(89);
      });

      it('lets an agent go unavailable and available again', async () => {
        const away = await call('PATCH', '/api/v1/agent/me', { token: secondToken, body: { available: false } });
        expect(away.status).toBe(200);
        expect(away.body['agent']).toMatchObject({ id: second.id, available: false });
        expect((await call('PATCH', '/api/v1/agent/me', { token: secondToken, body: { available: true } })).body['agent']).toMatchObject({ available: true });
        expect((await ds.getRepository(UserEntity).findOneByOrFail({ id: second.id })).available).toBe(true);
        const bad = await call('PATCH', '/api/v1/agent/me', { token: secondToken, body: { available: 'yes' } });
        expect(bad.status).toBe(400);
        expect(bad.body.error?.code).toBe('invalid_request');
        await ds.getRepository(UserEntity).update({ id: second.id }, { available: false });
      });

      it('shuts out a deactivated agent whose token is still valid', async () => {
        await createUser('leaver@example.com', { password: 'leaver-password' });
        const token = await tokenFor('leaver@example.com', 'leaver-password');
        await ds.getRepository(UserEntity).update({ email: 'leaver@example.com' }, { active: false });
        const reply = await call('GET', '/api/v1/agent/conversations', { token });
        expect(reply.status).toBe(401);
        expect(reply.body.error?.code).toBe('account_inactive');
      });
    });

    describe('handoff.requested consumer', () => {
      async function requestPerson(conversation: ConversationEntity, trigger: HandoffTrigger = 'customer_request'): Promise<void> {
        await ds.transaction(async (manager) => {
          const locked = await manager.getRepository(ConversationEntity).findOneByOrFail({ id: conversation.id });
          const transition = await requestHuman(manager, locked, { trigger, reason: null, outsideHours: false, messageId: null });
          await appendToOutbox(manager, transition.events);
        });
      }

      it('writes the summary and leaves the conversation waiting when the tenant did not turn auto-assignment on', async () => {
        const conversation = await createConversation({
          messages: [
            { authorType: 'customer', text: 'Mijn factuur klopt niet' },
            { authorType: 'ai', text: 'Ik verbind je met een medewerker.' },
          ],
        });
        await requestPerson(conversation);
        const request = await eventually(async () => {
          const r = await ds.getRepository(HandoffRequestEntity).findOneBy({ conversationId: conversation.id });
          return r?.summary ? r : undefined;
        });
        expect(request.summary).toBe(
          'Trigger: customer_request: the customer asked for a person\ncustomer: Mijn factuur klopt niet\nAI assistant: Ik verbind je met een medewerker.',
        );
        expect(await ds.getRepository(ConversationEntity).findOneByOrFail({ id: conversation.id })).toMatchObject({
          status: 'waiting_for_agent',
          assignedAgentId: null,
        });
      });

      it('assigns the conversation to the least-busy available agent who speaks its language when auto-assignment is on', async () => {
        const busy = await createUser('busy@auto.example', { tenantId: 'auto', available: true });
        const free = await createUser('free@auto.example', { tenantId: 'auto', available: true, displayName: 'Vrij' });
        await createUser('away@auto.example', { tenantId: 'auto', available: false });
        await createUser('german@auto.example', { tenantId: 'auto', available: true, languages: ['de'] });
        await createUser('other-tenant@example.com', { tenantId: 'default', available: true });
        await createConversation({ tenantId: 'auto', status: 'with_agent', assignedTo: busy });

        const conversation = await createConversation({ tenantId: 'auto', locale: 'nl', messages: [{ authorType: 'customer', text: 'Help' }] });
        await requestPerson(conversation, 'handoff_button');
        const assigned = await eventually(async () => {
          const c = await ds.getRepository(ConversationEntity).findOneByOrFail({ id: conversation.id });
          return c.status === 'with_agent' ? c : undefined;
        });
        expect(assigned).toMatchObject({ assignedAgentId: free.id, assignedAgentName: 'Vrij' });
        const request = await ds.getRepository(HandoffRequestEntity).findOneByOrFail({ conversationId: conversation.id });
        expect(request).toMatchObject({ agentId: free.id, claimedAt: expect.any(Date), summary: expect.stringContaining('customer: Help') });
        await eventually(async () => (await outboxEvents('audit.recorded', conversation.id)).length > 0);
        expect((await outboxEvents('audit.recorded', conversation.id))[0]?.payload).toMatchObject({
          action: 'handoff.auto_assigned',
          actor: { type: 'system', id: null },
          details: { agentId: free.id },
        });
        expect((await outboxEvents('conversation.status', conversation.id)).map((e) => e.payload)).toMatchObject([
          { status: 'waiting_for_agent' },
          { status: 'with_agent', assignedAgent: { id: free.id, displayName: 'Vrij' } },
        ]);
      });

      it('leaves the conversation in the queue when no available agent has room', async () => {
        await ds.getRepository(UserEntity).update({ tenantId: 'auto' }, { maxConcurrent: 1 });
        const conversation = await createConversation({ tenantId: 'auto', locale: 'nl' });
        await requestPerson(conversation);
        await eventually(async () => (await ds.getRepository(HandoffRequestEntity).findOneBy({ conversationId: conversation.id }))?.summary);
        expect(await ds.getRepository(ConversationEntity).findOneByOrFail({ id: conversation.id })).toMatchObject({ status: 'waiting_for_agent' });
      });
    });
  });

  describe('after a restart', () => {
    let service: RunningService;

    beforeAll(async () => {
      service = await startHandoff(db.url, { SEED_AGENT_PASSWORD: 'a-changed-password', LOGIN_RATE_LIMIT_PER_MINUTE: '3' });
      // The per-IP counts are in the database and outlive a restart: start this minute afresh.
      await service.app.get(DataSource).query(`DELETE FROM rate_limit_points WHERE key LIKE 'login-ip:%'`);
    });
    afterAll(async () => {
      await service?.stop();
    });

    const login = (email: string, password: string) =>
      fetch(`${service.url}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password }) });

    it('keeps the seeded users and their passwords, and limits login attempts per client IP', async () => {
      const ds = service.app.get(DataSource);
      expect(await ds.getRepository(UserEntity).countBy({ email: 'agent@example.com' })).toBe(1);
      expect((await login(SEED_AGENT.email, SEED_AGENT.password)).status).toBe(200);
      expect((await login(SEED_AGENT.email, 'a-changed-password')).status).toBe(401);
      expect((await login(SEED_AGENT.email, SEED_AGENT.password)).status).toBe(200);

      const limited = await login(SEED_AGENT.email, SEED_AGENT.password);
      expect(limited.status).toBe(429);
      expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
      expect(await limited.json()).toEqual({ error: { code: 'rate_limited', message: expect.stringMatching(/too many login attempts/i) } });
      // A malformed attempt is limited too, before its body is looked at.
      const malformed = await fetch(`${service.url}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
      expect(malformed.status).toBe(429);

      // Counted in the database: a restarted process (or another replica) does not start over.
      await service.stop();
      service = await startHandoff(db.url, { SEED_AGENT_PASSWORD: 'a-changed-password', LOGIN_RATE_LIMIT_PER_MINUTE: '3' });
      expect((await login(SEED_AGENT.email, SEED_AGENT.password)).status).toBe(429);
    });
  });
});
