import { randomUUID } from 'node:crypto';
import { hash } from '@node-rs/argon2';
import { SignJWT } from 'jose';
import { DataSource } from 'typeorm';
import { startService, type RunningService } from '@pegamento/feature-platform';
import { UserEntity } from '@pegamento/handoff-data-access';
import { standalone } from '@pegamento/standalone-composition';
import { createTestDatabase, eventually, type TestDatabase } from '@pegamento/util-testing';
import { ContractClient, type ConversationShape, type MessageShape } from './support/contract-client';
import { SEED_USERS } from './support/conversation-contract';

/**
 * Every protected route of the OpenAPI document (so a new route is covered the day it is
 * described), tried without a token, with a broken, an expired and a foreign-signed token,
 * as an agent of another tenant, with the wrong role, and with another conversation's
 * customer token. Each attempt must be refused (401/403/404) and change nothing.
 */
const JWT_SECRET = 'an-authorization-suite-secret-long-enough';
const OTHER_TENANT = 'other-shop';

type Operation = { security?: Record<string, string[]>[] };
type OpenApi = { paths: Record<string, Record<string, Operation>> };

/** Routes anyone may call; each has its own protection (rate limits, signatures, tokens in the body). */
const PUBLIC_ROUTES = new Set([
  'GET /health/live',
  'GET /health/ready',
  'GET /metrics',
  'GET /api/docs-json',
  'POST /api/v1/web/conversations',
  'POST /api/v1/auth/login',
  // Inbound e-mail from a mail provider: its own bearer token (EMAIL_WEBHOOK_TOKEN), checked in constant time.
  'POST /webhooks/email/inbound',
  // The Slack app (events, interactivity, slash commands): Slack's v0 signature, verified by Bolt; 401 without it (ADR 0017).
  'POST /slack/events',
]);
/** Public routes that are not part of the API: pages, the widget bundle, channel webhooks (signed), token refresh. */
const PUBLIC_PREFIXES = ['GET /widget', 'GET /console', 'GET /privacy', 'GET /accessibility', 'POST /webhooks/', 'POST /slack/', 'POST /api/v1/auth/'];
const isPublicPage = (route: string) => route === 'GET /' || route === 'GET /api/v1/web/info';

/** A valid body per route, so that a refusal comes from authorisation, not from validation. */
const BODIES: Record<string, unknown> = {
  'POST /api/v1/web/conversations/{id}/messages': { text: 'Mag ik dit lezen?' },
  'POST /api/v1/web/conversations/{id}/messages/{messageId}/flag': { reason: 'wrong' },
  'POST /api/v1/agent/conversations/{id}/messages': { text: 'Hello from another tenant' },
  'POST /api/v1/agent/conversations/{id}/templates': { template: 'order_update', variables: { '1': 'A-1' } },
  'PATCH /api/v1/agent/me': { available: true },
  'POST /api/v1/admin/knowledge': { title: 'Forged', body: 'Forged body text for the test.', locale: 'en' },
  'PUT /api/v1/admin/knowledge/{id}': { title: 'Rewritten by another tenant' },
  'POST /api/v1/privacy/subjects/erase': { email: 'klant@example.test' },
};

describe('authorisation of every protected route', () => {
  let db: TestDatabase;
  let service: RunningService;
  let api: ContractClient;
  let operations: { method: string; path: string; security: string[] }[];
  // Tenant "default": the victim's data.
  let victim: { conversation: ConversationShape; token: string; messages: MessageShape[] };
  let intruder: { conversation: ConversationShape; token: string };
  let articleId: string;
  let tokens: { agent: string; admin: string; otherAgent: string; otherAdmin: string };

  beforeAll(async () => {
    db = await createTestDatabase();
    service = await startService(standalone, {
      LOG_LEVEL: 'silent',
      PORT: '0',
      DATABASE_URL: db.url,
      JWT_SECRET,
      KNOWLEDGE_DEMO: 'false',
      WHATSAPP_TEMPLATES: JSON.stringify({ order_update: { text: 'Your order {{1}} has news.' } }),
      ...SEED_USERS,
    });
    api = new ContractClient(service.url);
    const users = service.app.get(DataSource).getRepository(UserEntity);
    for (const role of ['agent', 'admin'] as const) {
      await users.insert({ tenantId: OTHER_TENANT, email: `${role}@other-shop.test`, displayName: `Other ${role}`, role, passwordHash: await hash('other tenant password 123') });
    }
    const login = async (email: string, password: string) => {
      const r = await api.request<{ accessToken: string }>('POST', '/api/v1/auth/login', { json: { email, password } });
      expect(r.status).toBe(200);
      return r.body.accessToken;
    };
    tokens = {
      agent: await login(SEED_USERS.SEED_AGENT_EMAIL, SEED_USERS.SEED_AGENT_PASSWORD),
      admin: await login(SEED_USERS.SEED_ADMIN_EMAIL, SEED_USERS.SEED_ADMIN_PASSWORD),
      otherAgent: await login('agent@other-shop.test', 'other tenant password 123'),
      otherAdmin: await login('admin@other-shop.test', 'other tenant password 123'),
    };

    const open = async () => (await api.request<{ conversation: ConversationShape; token: string; messages: MessageShape[] }>('POST', '/api/v1/web/conversations', { json: { locale: 'en', name: 'Victim Customer', email: 'victim@example.test' } })).body;
    victim = await open();
    intruder = await open();
    await api.request('POST', `/api/v1/web/conversations/${victim.conversation.id}/messages`, { token: victim.token, json: { text: 'I want to talk to a person' } });
    await eventually(async () => (await api.request<{ conversation: ConversationShape }>('GET', `/api/v1/web/conversations/${victim.conversation.id}`, { token: victim.token })).body.conversation.status === 'waiting_for_agent');
    // Wait for the queue announcement too, so that nothing changes the transcript on its own later.
    victim.messages = await eventually(async () => {
      const { messages } = (await api.request<{ messages: MessageShape[] }>('GET', `/api/v1/web/conversations/${victim.conversation.id}/messages`, { token: victim.token })).body;
      return messages.some((m) => m.author.type === 'system') && messages;
    });
    const article = await api.request<{ article: { id: string } }>('POST', '/api/v1/admin/knowledge', { token: tokens.admin, json: { title: 'Returns', body: 'You can return items within 30 days.', locale: 'en' } });
    expect(article.status).toBe(201);
    articleId = article.body.article.id;

    const document = (await (await fetch(`${service.url}/api/docs-json`)).json()) as OpenApi;
    operations = Object.entries(document.paths).flatMap(([path, methods]) =>
      Object.entries(methods).map(([method, op]) => ({ method: method.toUpperCase(), path, security: (op.security ?? []).flatMap((s) => Object.keys(s)) })),
    );
  }, 120_000);
  afterAll(async () => {
    await service?.stop();
    await db?.drop();
  });

  const url = (path: string) =>
    path
      .replace('/api/v1/admin/knowledge/{id}', `/api/v1/admin/knowledge/${articleId}`)
      .replace('{id}', victim.conversation.id)
      .replace('{messageId}', victim.messages.find((m) => m.author.type === 'ai')?.id ?? victim.messages[0]!.id);
  /** A valid query per GET route that needs one (again: a refusal must come from authorisation). */
  const QUERIES: Record<string, string> = { '/api/v1/privacy/subjects/export': '?email=victim%40example.test' };
  const call = (op: { method: string; path: string }, token?: string) =>
    api.request(op.method, `${url(op.path)}${QUERIES[op.path] ?? ''}`, { token, json: BODIES[`${op.method} ${op.path}`] ?? (op.method === 'GET' ? undefined : {}) });
  const routeOf = (op: { method: string; path: string }) => `${op.method} ${op.path}`;
  const agentRoutes = () => operations.filter((op) => op.security.includes('agentJwt'));
  const customerRoutes = () => operations.filter((op) => op.security.includes('conversationToken'));
  const adminOnly = (op: { path: string }) => /^\/api\/v1\/(admin|compliance|privacy)\//.test(op.path);

  it('describes every route that is not protected as deliberately public', () => {
    const open = operations.filter((op) => op.security.length === 0).map(routeOf);
    const unexpected = open.filter((r) => !PUBLIC_ROUTES.has(r) && !PUBLIC_PREFIXES.some((p) => r.startsWith(p)) && !isPublicPage(r));
    expect(unexpected).toEqual([]);
    expect(agentRoutes().length).toBeGreaterThan(12);
    expect(customerRoutes().length).toBeGreaterThanOrEqual(5);
  });

  it('refuses every protected route without a token, with a malformed, an expired or a foreign-signed token (401)', async () => {
    const expired = await new SignJWT({ tid: 'default', role: 'admin', name: 'Old' })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject(randomUUID())
      .setIssuer('pegamento')
      .setAudience('pegamento-agent-api')
      .setIssuedAt(Math.floor(Date.now() / 1000) - 7200)
      .setExpirationTime(Math.floor(Date.now() / 1000) - 3600)
      .sign(new TextEncoder().encode(JWT_SECRET));
    const forged = await new SignJWT({ tid: 'default', role: 'admin', name: 'Mallory' })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject(randomUUID())
      .setIssuer('pegamento')
      .setAudience('pegamento-agent-api')
      .setIssuedAt()
      .setExpirationTime('1h')
      .sign(new TextEncoder().encode('a-different-secret-that-is-long-enough-too'));
    const unsigned = `${Buffer.from('{"alg":"none"}').toString('base64url')}.${Buffer.from(JSON.stringify({ sub: 'x', tid: 'default', role: 'admin', name: 'N' })).toString('base64url')}.`;
    const failures: string[] = [];
    for (const op of [...agentRoutes(), ...customerRoutes()]) {
      // A customer token is opaque: a wrong one may be answered like another conversation's (contract: 403 or 404).
      const refused = (label: string) => (label === 'none' || op.security.includes('agentJwt') ? [401] : [401, 403, 404]);
      for (const [label, token] of [['none', undefined], ['malformed', 'not-a-token'], ['expired', expired], ['foreign', forged], ['alg none', unsigned]] as const) {
        const r = await call(op, token);
        if (!refused(label).includes(r.status)) failures.push(`${routeOf(op)} with ${label} token: ${r.status}`);
        else if (!(r.body as { error?: { code?: string } }).error?.code) failures.push(`${routeOf(op)} with ${label} token: ${r.status} without the error shape`);
      }
    }
    expect(failures).toEqual([]);
  });

  it('refuses agents and admins of another tenant on this tenant’s resources (403/404), and lists none of them', async () => {
    const failures: string[] = [];
    for (const op of agentRoutes()) {
      for (const [label, token] of [['other agent', tokens.otherAgent], ['other admin', tokens.otherAdmin]] as const) {
        const r = await call(op, token);
        // The export echoes the subject it was asked about; what it found is what must be empty.
        const text = JSON.stringify(typeof r.body === 'object' && r.body !== null ? { ...r.body, subject: undefined } : r.body);
        if (op.path.includes('{id}')) {
          if (![403, 404].includes(r.status) && !(adminOnly(op) && label === 'other agent' && r.status === 403)) failures.push(`${routeOf(op)} as ${label}: ${r.status}`);
        } else if (r.status < 400 || r.status === 409) {
          // Collection routes act on the caller's own tenant: they must not show this tenant's data.
          for (const secret of [victim.conversation.id, articleId, 'victim@example.test', 'Victim Customer']) {
            if (text.includes(secret)) failures.push(`${routeOf(op)} as ${label} shows ${secret}`);
          }
        } else if (![401, 403, 404].includes(r.status) && !(r.status === 400 && op.method !== 'GET')) {
          failures.push(`${routeOf(op)} as ${label}: ${r.status}`);
        }
      }
    }
    expect(failures).toEqual([]);
  });

  it('refuses admin routes to agents of the same tenant (403)', async () => {
    const failures: string[] = [];
    for (const op of agentRoutes().filter(adminOnly)) {
      const r = await call(op, tokens.agent);
      if (r.status !== 403) failures.push(`${routeOf(op)} as agent: ${r.status}`);
    }
    expect(failures).toEqual([]);
  });

  it('refuses another conversation’s customer token and an agent’s JWT on customer routes', async () => {
    const failures: string[] = [];
    for (const op of customerRoutes()) {
      for (const [label, token] of [['other conversation', intruder.token], ['agent JWT', tokens.agent]] as const) {
        const r = await call(op, token);
        if (![401, 403, 404].includes(r.status)) failures.push(`${routeOf(op)} with ${label}: ${r.status}`);
      }
    }
    expect(failures).toEqual([]);
  });

  it('changed nothing of the victim’s conversation or knowledge through all of it', async () => {
    const now = await api.request<{ messages: MessageShape[] }>('GET', `/api/v1/web/conversations/${victim.conversation.id}/messages`, { token: victim.token });
    expect(now.body.messages.map((m) => `${m.author.type}: ${m.text}`)).toEqual(victim.messages.map((m) => `${m.author.type}: ${m.text}`));
    expect(now.body.messages.some((m) => m.flagged)).toBe(false);
    const conversation = await api.request<{ conversation: ConversationShape }>('GET', `/api/v1/web/conversations/${victim.conversation.id}`, { token: victim.token });
    expect(conversation.body.conversation.status).toBe('waiting_for_agent');
    expect(conversation.body.conversation.assignedAgent).toBeNull();
    const article = await api.request<{ article: { title: string } }>('GET', `/api/v1/admin/knowledge/${articleId}`, { token: tokens.admin });
    expect(article.status).toBe(200);
    expect(article.body.article.title).toBe('Returns');
  });
});
