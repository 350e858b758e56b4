import MailComposer from 'nodemailer/lib/mail-composer';
import { io } from 'socket.io-client';
import { FakeCrmWebhook } from '@pegamento/crm-sync-data-access-crm/testing';
import { FakeBackoffice } from '@pegamento/data-access-backoffice/testing';
import { FakeSmtpRelay } from '@pegamento/gateway-email-data-access-email/testing';
import { FakeTwilioServer, signedTwilioRequest, twilioSid } from '@pegamento/gateway-messaging-data-access-twilio/testing';
import { createTestDatabase, eventually, testKafkaBrokers, testTopicPrefix } from '@pegamento/util-testing';
import { ContractClient, type ConversationShape, type MessageShape } from './support/contract-client';
import { SEED_USERS, SUITE_LIMITS, describeConversationContract } from './support/conversation-contract';
import { ensureBuilt, startIngress, startServiceProcess, stopServiceProcess, type ServiceProcess } from './support/distributed-system';

/** Two replicas of the services customers and agents hold sockets to; one of the others. */
const PROCESSES = ['gateway-web', 'gateway-web', 'policy', 'handoff', 'handoff', 'ai-responder', 'gateway-messaging', 'gateway-email', 'crm-sync'] as const;
let services: ServiceProcess[] = [];
const replicas = (name: string) => services.filter((s) => s.name === name).map((s) => s.url);

const TWILIO = { accountSid: twilioSid('AC'), authToken: 'a-distributed-twilio-auth-token-0123', smsFrom: '+3197010203050' };
const EMAIL = { support: 'support@winkel.example', token: 'a-distributed-email-webhook-token-0123' };
const CRM = { secret: 'a-distributed-crm-webhook-secret-0123' };
let twilioApi: FakeTwilioServer;
let relay: FakeSmtpRelay;
let crmWebhook: FakeCrmWebhook;
let backoffice: FakeBackoffice;
let publicUrl = '';

/**
 * The distributed way to run: gateway-web, policy, ai-responder, handoff, the SMS and
 * e-mail gateways and crm-sync as separate processes (compiled, as in their images) on real Kafka and
 * PostgreSQL, gateway-web and handoff with two replicas each, behind a path-routing
 * ingress that spreads requests over the replicas, driven by the same contract suite.
 */
describeConversationContract(
  'separate services on Apache Kafka',
  async () => {
    ensureBuilt();
    const db = await createTestDatabase();
    const env = {
      DATABASE_URL: db.url,
      KAFKA_BROKERS: testKafkaBrokers().join(','),
      KAFKA_TOPIC_PREFIX: testTopicPrefix(),
      KAFKA_TOPIC_PARTITIONS: '3',
      JWT_SECRET: 'a-distributed-secret-that-is-long-enough-for-hs256',
      ...SEED_USERS,
      ...SUITE_LIMITS,
    };
    // The ingress first: its URL is the public one Twilio signs (PUBLIC_BASE_URL); routes follow once services run.
    const routes: { prefix: string; target: string[] }[] = [];
    const ingress = await startIngress(routes);
    publicUrl = ingress.url;
    twilioApi = await FakeTwilioServer.start({ accountSid: TWILIO.accountSid, authToken: TWILIO.authToken });
    relay = await FakeSmtpRelay.start();
    crmWebhook = await FakeCrmWebhook.start({ secret: CRM.secret });
    backoffice = await FakeBackoffice.start();
    const channels = {
      PUBLIC_BASE_URL: ingress.url,
      TWILIO_ACCOUNT_SID: TWILIO.accountSid,
      TWILIO_AUTH_TOKEN: TWILIO.authToken,
      TWILIO_SMS_FROM: TWILIO.smsFrom,
      TWILIO_API_BASE_URL: twilioApi.url,
      TWILIO_SEND_POLL_INTERVAL_MS: '50',
      SUPPORT_EMAIL: EMAIL.support,
      SMTP_OUTBOUND_URL: relay.url,
      EMAIL_WEBHOOK_TOKEN: EMAIL.token,
      EMAIL_SEND_POLL_INTERVAL_MS: '50',
      CRM_WEBHOOK_URL: crmWebhook.url,
      CRM_WEBHOOK_SECRET: CRM.secret,
      CRM_SYNC_POLL_INTERVAL_MS: '50',
      BACKOFFICE_API_URL: backoffice.url,
    };
    services = [];
    const stopAll = async () => {
      await ingress.close();
      await Promise.all(services.map(stopServiceProcess));
      await twilioApi.stop();
      await relay.stop();
      await crmWebhook.stop();
      await backoffice.stop();
      await db.drop();
    };
    try {
      // One after the other: each runs its migrations and creates topics at boot.
      for (const name of PROCESSES) services.push(await startServiceProcess(name, { ...env, ...channels }));
    } catch (error) {
      await stopAll();
      throw error;
    }
    routes.push(
      { prefix: '/api/v1/web', target: replicas('gateway-web') },
      { prefix: '/api/v1/auth', target: replicas('handoff') },
      { prefix: '/api/v1/agent', target: replicas('handoff') },
      { prefix: '/api/v1/compliance', target: replicas('policy') },
      { prefix: '/api/v1/admin/tenant', target: replicas('policy') },
      { prefix: '/api/v1/admin/knowledge', target: replicas('ai-responder') },
      { prefix: '/api/v1/privacy', target: replicas('policy') },
      { prefix: '/console', target: replicas('handoff') },
      { prefix: '/widget.js', target: replicas('gateway-web') },
      { prefix: '/privacy', target: replicas('gateway-web') },
      { prefix: '/accessibility', target: replicas('gateway-web') },
      { prefix: '/webhooks/twilio', target: replicas('gateway-messaging') },
      { prefix: '/webhooks/email', target: replicas('gateway-email') },
      { prefix: '/api/v1/crm', target: replicas('crm-sync') },
    );
    return { baseUrl: ingress.url, stop: stopAll };
  },
  90_000,
  () => {
    it(
      'pushes every message and queue change to sockets on any replica, not only on the one that consumed the event',
      async () => {
        const [webA, webB] = replicas('gateway-web').map((url) => new ContractClient(url));
        const [, handoffB] = replicas('handoff');
        // Enough conversations that, were pushes left to one replica's share of the partitions, some would be missed.
        const opened: { conversation: ConversationShape; token: string }[] = [];
        for (let i = 0; i < 12; i++) {
          const r = await webA!.request<{ conversation: ConversationShape; token: string }>('POST', '/api/v1/web/conversations', { json: { locale: 'en' } });
          expect(r.status).toBe(201);
          opened.push(r.body);
        }

        const auth = await new ContractClient(replicas('handoff')[0]!).request<{ accessToken: string }>('POST', '/api/v1/auth/login', {
          json: { email: SEED_USERS.SEED_AGENT_EMAIL, password: SEED_USERS.SEED_AGENT_PASSWORD },
        });
        expect(auth.status).toBe(200);
        const queued = new Set<string>();
        const agentSocket = io(handoffB!, { path: '/api/v1/agent/socket', auth: { token: auth.body.accessToken }, transports: ['websocket'], reconnection: false });
        agentSocket.on('queue', (c: ConversationShape) => {
          if (c.status === 'waiting_for_agent') queued.add(c.id);
        });

        const pushed = new Map<string, MessageShape[]>();
        const sockets = opened.map((c) => {
          const socket = webB!.socket(c.conversation.id, c.token);
          pushed.set(c.conversation.id, []);
          socket.on('message', (m: MessageShape) => pushed.get(c.conversation.id)!.push(m));
          return socket;
        });
        try {
          await Promise.all(
            [agentSocket, ...sockets].map(
              (s) =>
                new Promise<void>((resolve, reject) => {
                  s.on('connect', () => resolve());
                  s.on('connect_error', reject);
                }),
            ),
          );
          for (const c of opened) {
            const r = await webA!.request('POST', `/api/v1/web/conversations/${c.conversation.id}/messages`, { token: c.token, json: { text: 'How do I return a product?' } });
            expect(r.status).toBe(202);
          }
          await eventually(() => opened.every((c) => pushed.get(c.conversation.id)!.some((m) => m.author.type === 'ai')), 30_000);

          for (const c of opened) {
            const r = await webA!.request('POST', `/api/v1/web/conversations/${c.conversation.id}/handoff`, { token: c.token, json: {} });
            expect(r.status).toBeLessThan(300);
          }
          await eventually(() => opened.every((c) => queued.has(c.conversation.id)), 30_000);
        } finally {
          agentSocket.close();
          for (const s of sockets) s.close();
        }
      },
      120_000,
    );

    it(
      'answers an SMS through gateway-messaging as a service of its own: signed webhook in, an AI-labelled reply out through the Twilio API',
      async () => {
        const customer = '+31612398765';
        const params = { AccountSid: TWILIO.accountSid, MessageSid: twilioSid('SM'), From: customer, To: TWILIO.smsFrom, Body: 'Hoe kan ik iets retourneren?', NumMedia: '0' };
        const post = (signed: { headers: Record<string, string>; body: string }) =>
          fetch(`${publicUrl}/webhooks/twilio/messaging`, { method: 'POST', headers: signed.headers, body: signed.body });
        const unsigned = signedTwilioRequest('not-the-auth-token', `${publicUrl}/webhooks/twilio/messaging`, params);
        expect((await post(unsigned)).status).toBe(403);
        const accepted = await post(signedTwilioRequest(TWILIO.authToken, `${publicUrl}/webhooks/twilio/messaging`, params));
        expect(accepted.status).toBe(200);
        const replies = await twilioApi.waitFor(customer, 1, 30_000);
        expect(replies[0]!.from).toBe(TWILIO.smsFrom);
        expect(replies[0]!.body).toMatch(/^\[AI-assistent\]/);
        expect(replies.map((r) => r.body).join(' ')).toMatch(/MENS/);
      },
      60_000,
    );

    it(
      'answers an e-mail through gateway-email as a service of its own: webhook with its token in, a threaded AI reply out through the relay',
      async () => {
        const customer = 'klant.distributed@example.test';
        const raw = await new MailComposer({ from: customer, to: EMAIL.support, subject: 'Retour', text: 'Hoe kan ik iets retourneren?', messageId: '<distributed-1@example.test>' })
          .compile()
          .build();
        const post = (token: string) =>
          fetch(`${publicUrl}/webhooks/email/inbound`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'message/rfc822' }, body: raw });
        expect((await post('not-the-webhook-token-0123456789')).status).toBe(401);
        expect((await post(EMAIL.token)).status).toBe(202);
        const [reply] = await relay.waitFor(customer, 1, 30_000);
        expect(reply!.header('auto-submitted')).toBe('auto-replied');
        expect(reply!.header('in-reply-to')).toBe('<distributed-1@example.test>');
        expect(reply!.parsed.subject).toBe('Re: Retour');
      },
      60_000,
    );

    it(
      'sends a closed conversation to the CRM webhook from crm-sync as a service of its own, signed, and gives agents the back office’s context through the ingress',
      async () => {
        const api = new ContractClient(publicUrl);
        backoffice.seed('crm.distributed@example.test', { orders: [{ id: '#42', status: 'Delivered' }] });
        const opened = await api.request<{ conversation: ConversationShape; token: string }>('POST', '/api/v1/web/conversations', {
          json: { locale: 'en', name: 'Dee Stributed', email: 'crm.distributed@example.test' },
        });
        const id = opened.body.conversation.id;
        const agent = (await api.request<{ accessToken: string }>('POST', '/api/v1/auth/login', { json: { email: SEED_USERS.SEED_AGENT_EMAIL, password: SEED_USERS.SEED_AGENT_PASSWORD } })).body.accessToken;
        const context = await api.request<{ available: boolean; context: { orders: { id: string }[] } }>('GET', `/api/v1/crm/conversations/${id}/context`, { token: agent });
        expect(context.status).toBe(200);
        expect(context.body.context.orders).toEqual([{ id: '#42', status: 'Delivered' }]);
        expect((await api.request('POST', `/api/v1/web/conversations/${id}/messages`, { token: opened.body.token, json: { text: 'How do I return a product?' } })).status).toBe(202);
        await eventually(async () => (await api.request<{ messages: MessageShape[] }>('GET', `/api/v1/web/conversations/${id}/messages`, { token: opened.body.token })).body.messages.some((m) => m.author.type === 'ai' && m.text.length > 40), 30_000);
        expect((await api.request('POST', `/api/v1/agent/conversations/${id}/close`, { token: agent })).status).toBe(200);
        const delivery = await eventually(async () => crmWebhook.accepted('conversation.closed').find((d) => (d.body['conversation'] as { id: string }).id === id), 30_000);
        expect(delivery.signatureValid).toBe(true);
        expect(delivery.body['contact']).toMatchObject({ displayName: 'Dee Stributed', email: 'crm.distributed@example.test' });
        expect((delivery.body['messages'] as { author: { type: string } }[]).some((m) => m.author.type === 'ai')).toBe(true);
      },
      60_000,
    );
  },
);
