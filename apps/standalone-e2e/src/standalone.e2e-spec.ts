import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { createEvent } from '@pegamento/contracts';
import { appendToOutbox, ConsumerRunner, EVENT_BUS, EventSealer, type EventBus, type EventHandlerDefinition } from '@pegamento/data-access-bus';
import { startService, type RunningService } from '@pegamento/feature-platform';
import { createTestDatabase, eventually, testKafkaBrokers, testTopicPrefix, type TestDatabase } from '@pegamento/util-testing';
import { standalone } from '@pegamento/standalone-composition';

const quiet = { LOG_LEVEL: 'silent', PORT: '0' };

async function getJson(url: string): Promise<{ status: number; body: Record<string, unknown> }> {
  const response = await fetch(url);
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

describe('standalone process', () => {
  it('starts with no external services: embedded PostgreSQL under DATA_DIR and the in-process bus', async () => {
    // Private (0700), as mkdtemp makes it and as ./data is once the key files were written first
    // (`npm test` before `npm start`): as root the server's own user must still reach its cluster.
    const dataDir = await mkdtemp(join(tmpdir(), 'pegamento-data-'));
    let service: RunningService | undefined;
    try {
      service = await startService(standalone, { ...quiet, DATA_DIR: dataDir });
      const ready = await getJson(`${service.url}/health/ready`);
      expect(ready.status).toBe(200);
      expect(ready.body).toMatchObject({ status: 'ok', info: { database: { status: 'up' }, bus: { status: 'up', kind: 'in-process' } } });
      const tables = (await service.app.get(DataSource).query(`SELECT count(*)::int AS n FROM schema_migrations`)) as { n: number }[];
      expect(tables[0]!.n).toBeGreaterThanOrEqual(5);
      await service.stop();

      // The data survives a restart: same cluster, migrations not run twice.
      service = await startService(standalone, { ...quiet, DATA_DIR: dataDir });
      expect((await getJson(`${service.url}/health/ready`)).status).toBe(200);
    } finally {
      await service?.stop();
      await rm(dataDir, { recursive: true, force: true });
    }
  });

  describe.each([
    ['the in-process bus', () => ({})],
    ['Apache Kafka', () => ({ KAFKA_BROKERS: testKafkaBrokers().join(','), KAFKA_TOPIC_PREFIX: testTopicPrefix(), KAFKA_TOPIC_PARTITIONS: '2' })],
  ])('on PostgreSQL and %s', (_name, busEnv) => {
    let db: TestDatabase;
    let service: RunningService;

    beforeAll(async () => {
      db = await createTestDatabase();
      service = await startService(standalone, { ...quiet, DATABASE_URL: db.url, ...busEnv() });
    });
    afterAll(async () => {
      await service?.stop();
      await db?.drop();
    });

    it('answers liveness and readiness with the database and the bus up', async () => {
      expect(await getJson(`${service.url}/health/live`)).toEqual({ status: 200, body: { status: 'ok' } });
      const ready = await getJson(`${service.url}/health/ready`);
      expect(ready.status).toBe(200);
      expect(ready.body['info']).toMatchObject({ database: { status: 'up' }, bus: { status: 'up' } });
    });

    it('exposes Prometheus metrics, including the bus counters', async () => {
      const response = await fetch(`${service.url}/metrics`);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toMatch(/text\/plain/);
      const text = await response.text();
      expect(text).toMatch(/process_cpu_user_seconds_total\{service="standalone"\}/);
      expect(text).toMatch(/pegamento_outbox_published_total/);
    });

    it('sends security headers on every answer, and a CSP that allows nothing on the API', async () => {
      for (const path of ['/health/live', '/api/v1/web/info', '/api/v1/nothing-here']) {
        const response = await fetch(`${service.url}${path}`);
        expect(response.headers.get('x-content-type-options')).toBe('nosniff');
        expect(response.headers.get('x-frame-options')).toBe('DENY');
        expect(response.headers.get('referrer-policy')).toBe('no-referrer');
        expect(response.headers.get('strict-transport-security')).toMatch(/max-age=\d+/);
        expect(response.headers.get('content-security-policy')).toMatch(/default-src 'none'.*frame-ancestors 'none'/);
        expect(response.headers.get('x-powered-by')).toBeNull();
      }
    });

    it('answers an unknown route with the contract error shape', async () => {
      const response = await getJson(`${service.url}/api/v1/nothing-here`);
      expect(response.status).toBe(404);
      expect(response.body).toEqual({ error: { code: 'not_found', message: expect.any(String) } });
    });

    it('answers a body that is not JSON with 400 invalid_json, and an oversized body with 413', async () => {
      const bad = await fetch(`${service.url}/api/v1/web/conversations`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"locale": ' });
      expect(bad.status).toBe(400);
      expect(await bad.json()).toEqual({ error: { code: 'invalid_json', message: expect.any(String) } });
      const big = await fetch(`${service.url}/api/v1/web/conversations`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ text: 'x'.repeat(300_000) }),
      });
      expect(big.status).toBe(413);
      expect(await big.json()).toEqual({ error: { code: 'payload_too_large', message: expect.any(String) } });
    });

    it('relays an event committed to the outbox to a consumer registered with the platform', async () => {
      const seen: string[] = [];
      const dataSource = service.app.get(DataSource);
      // A late group on the running platform's runner and bus, as a feature module would add at boot.
      const handler: EventHandlerDefinition<'conversation.status'> = {
        group: `probe-${Date.now()}`,
        types: ['conversation.status'],
        handle: async (event) => {
          seen.push(event.eventId);
        },
      };
      // With the platform's sealer: the payloads on the bus are sealed per conversation (ADR 0018).
      const probe = new ConsumerRunner(dataSource, { maxAttempts: 2, baseDelayMs: 10, maxDelayMs: 10 }, { info() {}, warn() {}, error() {} }, undefined, service.app.get(EventSealer));
      probe.register(handler);
      await probe.start(service.app.get<EventBus>(EVENT_BUS));
      const event = createEvent('conversation.status', {
        tenantId: 'default',
        conversationId: 'c-standalone',
        payload: { status: 'waiting_for_agent', previousStatus: 'bot', assignedAgent: null, reason: 'customer_request' },
      });
      await dataSource.transaction((m) => appendToOutbox(m, [event]));
      await eventually(() => seen.includes(event.eventId));
    });
  });
});
