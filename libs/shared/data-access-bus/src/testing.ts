/**
 * Test helpers of the bus (second entry point, never bundled into apps):
 * `describeEventBusContract` is the one behavioural suite both adapters must pass.
 */
import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { TOPICS, createEvent, type AnyEvent, type EventOf } from '@pegamento/contracts';
import { testFieldKeyRing } from '@pegamento/util-crypto/testing';
import { openDatabase } from '@pegamento/util-db';
import { createTestDatabase, eventually, testKafkaBrokers, testTopicPrefix, type TestDatabase } from '@pegamento/util-testing';
import { busEntities, busMigrations } from './lib/bus-schema';
import { ConsumerRunner, PermanentHandlerError, type EventHandlerDefinition, type RetryPolicy } from './lib/consumer-runner';
import type { EventBus } from './lib/event-bus.port';
import { EventSealer } from './lib/event-sealer';
import { DeadLetterService } from './lib/dead-letter.service';
import { OutboxRelay, type OutboxRelayOptions } from './lib/outbox-relay';
import { appendToOutbox } from './lib/outbox';
import { silentBusLogger } from './lib/bus-logger';
import { KafkaEventBus } from './lib/kafka-event-bus';

/** A Kafka adapter on the test broker, small and quick to rebalance. */
export function kafkaTestBus(topicPrefix: string, clientId = 'bus-test'): KafkaEventBus {
  return new KafkaEventBus({
    brokers: testKafkaBrokers(),
    clientId,
    topicPrefix,
    partitions: 3,
    replicationFactor: 1,
    connectionTimeoutMs: 3_000,
    sessionTimeoutMs: 10_000,
    partitionsConsumedConcurrently: 3,
  });
}

export type BusFactory = (topicPrefix: string) => EventBus;

export const fastRetry: RetryPolicy = { maxAttempts: 3, baseDelayMs: 20, maxDelayMs: 100 };

/** An `audit.recorded` event whose details carry a sequence number, for ordering checks. */
export function numberedEvent(conversationId: string, seq: number): EventOf<'audit.recorded'> {
  return createEvent('audit.recorded', {
    tenantId: 'test',
    conversationId,
    payload: { action: 'test.step', actor: { type: 'system', id: null }, reason: null, details: { seq } },
  });
}

export async function writeToOutbox(dataSource: DataSource, events: readonly AnyEvent[]): Promise<void> {
  await dataSource.transaction((manager) => appendToOutbox(manager, events));
}

/** Records each handled event in `effects`, inside the handler's transaction. */
export function recordingHandler(
  group: string,
  options: { failTimes?: (event: AnyEvent, attempt: number) => boolean; permanent?: boolean; delayMs?: number; calls?: string[] } = {},
): EventHandlerDefinition<'audit.recorded'> {
  return {
    group,
    types: ['audit.recorded'],
    handle: async (event, { manager, attempt }) => {
      options.calls?.push(event.eventId);
      if (options.delayMs) await new Promise((r) => setTimeout(r, options.delayMs));
      if (options.failTimes?.(event, attempt)) {
        if (options.permanent) throw new PermanentHandlerError('cannot handle this one');
        throw new Error(`handler failure on attempt ${attempt}`);
      }
      await manager.query('INSERT INTO effects (consumer_group, event_id, conversation_id, seq, attempt) VALUES ($1, $2, $3, $4, $5)', [
        group,
        event.eventId,
        event.conversationId,
        Number(event.payload.details['seq'] ?? -1),
        attempt,
      ]);
    },
  };
}

export interface Effect {
  consumer_group: string;
  event_id: string;
  conversation_id: string;
  seq: number;
  attempt: number;
}

export async function effects(dataSource: DataSource, group: string): Promise<Effect[]> {
  return (await dataSource.query('SELECT consumer_group, event_id, conversation_id, seq, attempt FROM effects WHERE consumer_group = $1 ORDER BY id', [
    group,
  ])) as Effect[];
}

export const EFFECTS_TABLE_SQL = `CREATE TABLE IF NOT EXISTS effects (
  id bigserial PRIMARY KEY, consumer_group text NOT NULL, event_id uuid NOT NULL,
  conversation_id text NOT NULL, seq int NOT NULL, attempt int NOT NULL)`;

/** A database with the bus tables and an `effects` table, one per test file. */
export async function openBusTestDatabase(): Promise<{ db: TestDatabase; dataSource: DataSource }> {
  const db = await createTestDatabase();
  const dataSource = await openDatabase({ url: db.url, applicationName: 'bus-test', entities: busEntities, migrations: busMigrations });
  await dataSource.query(EFFECTS_TABLE_SQL);
  return { db, dataSource };
}

/** A sealer with the test keys and its own cache, as one process has (ADR 0018). */
export function testEventSealer(cacheSize = 1_000): EventSealer {
  return new EventSealer(testFieldKeyRing(), cacheSize);
}

/**
 * One running pipeline: outbox relay → bus → consumer runner, as one process runs it:
 * payloads sealed per conversation by default, as in production (`sealer: null` turns it off).
 */
export class BusPipeline {
  readonly runner: ConsumerRunner;
  readonly relay: OutboxRelay;
  constructor(
    readonly dataSource: DataSource,
    readonly bus: EventBus,
    handlers: EventHandlerDefinition<'audit.recorded'>[],
    retry: RetryPolicy = fastRetry,
    relayOptions: Partial<OutboxRelayOptions> = {},
    readonly sealer: EventSealer | null = testEventSealer(),
  ) {
    this.runner = new ConsumerRunner(dataSource, retry, silentBusLogger, undefined, sealer ?? undefined);
    for (const h of handlers) this.runner.register(h);
    this.relay = new OutboxRelay(
      dataSource,
      bus,
      { batchSize: 50, pollIntervalMs: 50, retentionMs: 3_600_000, ...(sealer ? { sealer } : {}), ...relayOptions },
      silentBusLogger,
    );
  }

  async start(): Promise<this> {
    await this.bus.connect();
    await this.bus.ensureTopics([TOPICS.auditRecorded, TOPICS.deadLetter]);
    await this.runner.start(this.bus);
    await this.relay.start();
    return this;
  }

  async stop(): Promise<void> {
    await this.relay.stop();
    this.runner.beginShutdown();
    await this.bus.close();
  }
}

/**
 * The behavioural contract of the bus, end to end through outbox, relay, adapter and
 * consumer runner. Run it against every adapter (in-process and Kafka).
 */
export function describeEventBusContract(name: string, makeBus: BusFactory): void {
  describe(`event bus contract: ${name}`, () => {
    let db: TestDatabase;
    let dataSource: DataSource;
    const running: BusPipeline[] = [];

    beforeAll(async () => {
      ({ db, dataSource } = await openBusTestDatabase());
    });
    afterEach(async () => {
      await Promise.all(running.splice(0).map((p) => p.stop()));
    });
    afterAll(async () => {
      await dataSource?.destroy();
      await db?.drop();
    });

    async function pipeline(handlers: EventHandlerDefinition<'audit.recorded'>[], prefix = testTopicPrefix(), retry = fastRetry) {
      const p = await new BusPipeline(dataSource, makeBus(prefix), handlers, retry).start();
      running.push(p);
      return p;
    }

    it('delivers every event to every consumer group exactly once in effect', async () => {
      await pipeline([recordingHandler('alpha'), recordingHandler('beta')]);
      const events = Array.from({ length: 20 }, (_, i) => numberedEvent(`conv-${i % 4}`, i));
      await writeToOutbox(dataSource, events);
      for (const group of ['alpha', 'beta']) {
        const seen = await eventually(async () => {
          const rows = await effects(dataSource, group);
          return rows.length >= 20 && rows;
        });
        expect(seen.map((r) => r.event_id).sort()).toEqual(events.map((e) => e.eventId).sort());
      }
    });

    it('keeps the order of each conversation within a group', async () => {
      await pipeline([recordingHandler('ordered', { delayMs: 1 })]);
      const conversations = ['a', 'b', 'c', 'd', 'e'];
      let seq = 0;
      for (let batch = 0; batch < 6; batch++) {
        // Interleave conversations within each transaction and across transactions.
        await writeToOutbox(dataSource, Array.from({ length: 10 }, () => numberedEvent(conversations[seq % 5]!, seq++)));
      }
      const rows = await eventually(async () => {
        const r = await effects(dataSource, 'ordered');
        return r.length >= 60 && r;
      });
      for (const c of conversations) {
        const seqs = rows.filter((r) => r.conversation_id === c).map((r) => r.seq);
        expect(seqs).toEqual([...seqs].sort((x, y) => x - y));
        expect(seqs).toHaveLength(12);
      }
    });

    it('handles an event delivered twice only once', async () => {
      const calls: string[] = [];
      await pipeline([recordingHandler('dedupe', { calls })]);
      const event = numberedEvent('dup', 1);
      await writeToOutbox(dataSource, [event]);
      await writeToOutbox(dataSource, [event]);
      await writeToOutbox(dataSource, [numberedEvent('dup', 2)]);
      await eventually(async () => (await effects(dataSource, 'dedupe')).length >= 2);
      await eventually(() => calls.length >= 2);
      const rows = await effects(dataSource, 'dedupe');
      expect(rows.filter((r) => r.event_id === event.eventId)).toHaveLength(1);
    });

    it('skips, without calling a handler or dead-lettering, the events of a conversation erased while they were in flight', async () => {
      const calls: string[] = [];
      let release!: () => void;
      const gate = new Promise<void>((resolve) => (release = resolve));
      const first = numberedEvent('erased-in-flight', 1);
      const handler = recordingHandler('erasure', { calls });
      await pipeline([
        {
          ...handler,
          handle: async (event, context) => {
            if (event.eventId === first.eventId) {
              calls.push('holding');
              await gate;
            }
            await handler.handle(event, context);
          },
        },
      ]);
      const inFlight = numberedEvent('erased-in-flight', 2);
      await writeToOutbox(dataSource, [first, inFlight, numberedEvent('live-conversation', 3)]);
      await eventually(() => calls.includes('holding'));
      // Erased while the conversation's first event is being handled and its second waits behind it.
      await dataSource.query(`INSERT INTO erased_keys (message_key) VALUES ('erased-in-flight')`);
      await dataSource.query(`DELETE FROM event_keys WHERE message_key = 'erased-in-flight'`);
      release();
      await eventually(async () => (await effects(dataSource, 'erasure')).some((r) => r.conversation_id === 'live-conversation'));
      await eventually(async () => ((await dataSource.query(`SELECT 1 FROM inbox WHERE consumer_group = 'erasure' AND event_id = $1`, [inFlight.eventId])) as unknown[]).length > 0);
      expect(calls).not.toContain(inFlight.eventId);
      const letters = (await dataSource.query(`SELECT message_key FROM dead_letters WHERE consumer_group = 'erasure'`)) as { message_key: string }[];
      expect(letters.map((l) => l.message_key)).not.toContain('erased-in-flight');
    });

    it('does not publish what an erased conversation still had in the outbox', async () => {
      const calls: string[] = [];
      const p = await pipeline([recordingHandler('erased-before', { calls })]);
      const raw: string[] = [];
      await p.bus.subscribe({ groupId: `wire-${randomUUID()}`, topics: [TOPICS.auditRecorded], broadcast: true, handle: async (m) => void raw.push(m.key) });
      await dataSource.query(`INSERT INTO erased_keys (message_key) VALUES ('erased-before-publish')`);
      const late = numberedEvent('erased-before-publish', 1);
      await writeToOutbox(dataSource, [late, numberedEvent('published-after', 2)]);
      await eventually(async () => (await effects(dataSource, 'erased-before')).length === 1);
      await eventually(async () => ((await dataSource.query(`SELECT 1 FROM outbox WHERE event_id = $1 AND published_at IS NOT NULL`, [late.eventId])) as unknown[]).length > 0);
      expect(raw).toEqual(['published-after']);
      expect(calls).not.toContain(late.eventId);
      expect(await dataSource.query(`SELECT 1 FROM event_keys WHERE message_key = 'erased-before-publish'`)).toEqual([]);
    });

    it("seals every payload on the wire under its conversation's key, and hands it to consumers open", async () => {
      const p = await pipeline([recordingHandler('sealed')]);
      const wire: string[] = [];
      await p.bus.subscribe({ groupId: `wire-${randomUUID()}`, topics: [TOPICS.auditRecorded], broadcast: true, handle: async (m) => void wire.push(m.value) });
      const event = createEvent('audit.recorded', {
        tenantId: 'test',
        conversationId: 'sealed-conversation',
        payload: { action: 'test.step', actor: { type: 'system', id: null }, reason: 'Jan Jansen, 06-12345678', details: { seq: 1, email: 'jan@example.test' } },
      });
      await writeToOutbox(dataSource, [event]);
      await eventually(async () => (await effects(dataSource, 'sealed')).length === 1);
      const [onWire] = await eventually(async () => wire.length > 0 && wire);
      expect(onWire).not.toMatch(/Jan Jansen|12345678|jan@example/);
      const envelope = JSON.parse(onWire!) as Record<string, unknown>;
      expect(envelope).toMatchObject({ eventId: event.eventId, type: 'audit.recorded', conversationId: 'sealed-conversation', sealed: expect.stringMatching(/^es1:/) });
      expect(envelope).not.toHaveProperty('payload');
    });

    it('cannot read a copy of an erased conversation\'s events any more: a consumer skips it without dead-lettering', async () => {
      const p = await pipeline([recordingHandler('late-reader')]);
      const wire: { key: string; value: string }[] = [];
      await p.bus.subscribe({ groupId: `wire-${randomUUID()}`, topics: [TOPICS.auditRecorded], broadcast: true, handle: async (m) => void wire.push(m) });
      const event = numberedEvent('shredded', 1);
      await writeToOutbox(dataSource, [event]);
      await eventually(async () => (await effects(dataSource, 'late-reader')).length === 1);
      const copy = await eventually(async () => wire.find((m) => m.key === 'shredded'));
      // The erasure deletes the key; the copy stays on the log, as on Kafka.
      await dataSource.query(`DELETE FROM event_keys WHERE message_key = 'shredded'`);
      await expect(testEventSealer().open(dataSource, copy.key, copy.value)).resolves.toEqual({ kind: 'shredded' });
      // A consumer that never saw it (another process, no key in memory) gets the copy again.
      const calls: string[] = [];
      const fresh = await pipeline([recordingHandler('fresh-reader', { calls })]);
      // Behind it on the same partition, an event it can read: once that is handled, the copy was seen.
      const witness = JSON.stringify(numberedEvent('witness', 2));
      await fresh.bus.publish([
        { topic: TOPICS.auditRecorded, key: copy.key, value: copy.value },
        { topic: TOPICS.auditRecorded, key: copy.key, value: witness },
      ]);
      await eventually(async () => (await effects(dataSource, 'fresh-reader')).some((r) => r.conversation_id === 'witness'));
      expect(calls).not.toContain(event.eventId);
      expect(await new DeadLetterService(dataSource).list({ group: 'fresh-reader' })).toEqual([]);
    });

    it('retries a failing handler with back-off and handles the event once it succeeds', async () => {
      await pipeline([recordingHandler('flaky', { failTimes: (_e, attempt) => attempt < 3 })], testTopicPrefix(), {
        maxAttempts: 4,
        baseDelayMs: 10,
        maxDelayMs: 50,
      });
      await writeToOutbox(dataSource, [numberedEvent('flaky', 1)]);
      const rows = await eventually(async () => {
        const r = await effects(dataSource, 'flaky');
        return r.length > 0 && r;
      });
      expect(rows).toHaveLength(1);
      expect(rows[0]!.attempt).toBe(3);
    });

    it('dead-letters an event after the last retry and goes on with the conversation', async () => {
      const poisoned = numberedEvent('stuck', 1);
      const deadLetters: AnyEvent[] = [];
      const dlqWatcher: EventHandlerDefinition<'bus.dead-lettered'> = {
        group: 'dlq-watcher',
        types: ['bus.dead-lettered'],
        handle: async (event) => {
          deadLetters.push(event);
        },
      };
      const p = new BusPipeline(dataSource, makeBus(testTopicPrefix()), [
        recordingHandler('doomed', { failTimes: (e) => e.eventId === poisoned.eventId }),
      ]);
      p.runner.register(dlqWatcher);
      running.push(await p.start());
      await writeToOutbox(dataSource, [poisoned, numberedEvent('stuck', 2)]);

      const later = await eventually(async () => (await effects(dataSource, 'doomed')).find((r) => r.seq === 2));
      expect(later.conversation_id).toBe('stuck');
      const letters = await new DeadLetterService(dataSource).list({ group: 'doomed' });
      expect(letters).toHaveLength(1);
      expect(letters[0]).toMatchObject({ eventId: poisoned.eventId, attempts: fastRetry.maxAttempts, topic: TOPICS.auditRecorded });
      expect(letters[0]!.error).toMatch(/handler failure on attempt 3/);
      await eventually(() => deadLetters.length > 0);
      expect(deadLetters[0]).toMatchObject({ type: 'bus.dead-lettered', conversationId: 'stuck', causationId: poisoned.eventId });
    });

    it('dead-letters at once what no retry can mend', async () => {
      const calls: string[] = [];
      await pipeline([recordingHandler('permanent', { failTimes: () => true, permanent: true, calls })]);
      const event = numberedEvent('perm', 1);
      await writeToOutbox(dataSource, [event]);
      const letters = await eventually(async () => {
        const l = await new DeadLetterService(dataSource).list({ group: 'permanent' });
        return l.length > 0 && l;
      });
      expect(letters[0]!.attempts).toBe(1);
      expect(calls).toEqual([event.eventId]);
    });

    it('replays a dead letter to the group that failed, and only that group handles it again', async () => {
      let broken = true;
      const prefix = testTopicPrefix();
      const healthyCalls: string[] = [];
      await pipeline([recordingHandler('fixed-later', { failTimes: () => broken }), recordingHandler('healthy', { calls: healthyCalls })], prefix);
      const event = numberedEvent('replay', 7);
      await writeToOutbox(dataSource, [event]);
      const service = new DeadLetterService(dataSource);
      const [letter] = await eventually(async () => {
        const l = await service.list({ group: 'fixed-later' });
        return l.length > 0 && l;
      });
      await eventually(async () => (await effects(dataSource, 'healthy')).length === 1);

      broken = false;
      const replayed = await service.replay(letter!.id);
      expect(replayed.replayCount).toBe(1);
      const rows = await eventually(async () => {
        const r = await effects(dataSource, 'fixed-later');
        return r.length > 0 && r;
      });
      expect(rows.map((r) => r.event_id)).toEqual([event.eventId]);
      expect(healthyCalls).toEqual([event.eventId]); // the replay met its inbox before the handler
      expect(await effects(dataSource, 'healthy')).toHaveLength(1);
      expect(await service.list({ group: 'fixed-later' })).toHaveLength(0);
    });

    it('dead-letters a message that is not a valid event without calling the handler', async () => {
      const calls: string[] = [];
      const p = await pipeline([recordingHandler('strict', { calls })]);
      // Straight onto the bus, past the outbox's own validation, as a foreign producer might.
      await p.bus.publish([{ topic: TOPICS.auditRecorded, key: 'bad', value: '{"type":"audit.recorded","eventId":"nope"}' }]);
      const letters = await eventually(async () => {
        const l = await new DeadLetterService(dataSource).list({ group: 'strict' });
        return l.length > 0 && l;
      });
      expect(letters[0]).toMatchObject({ eventType: null, attempts: 0, conversationId: 'bad' });
      expect(letters[0]!.error).toMatch(/ContractViolationError/);
      expect(calls).toHaveLength(0);
      await expect(new DeadLetterService(dataSource).replay(letters[0]!.id)).rejects.toThrow(/not a valid event/);
    });

    it('runs a broadcast consumer in order per conversation, without the inbox, and drops (never dead-letters) what keeps failing', async () => {
      const calls: string[] = [];
      const broadcast = { ...recordingHandler('pushes', { calls, failTimes: (e) => e.conversationId === 'broken' }), delivery: 'broadcast' as const };
      await pipeline([broadcast]);
      const events = [...Array.from({ length: 9 }, (_, i) => numberedEvent(`push-${i % 3}`, i)), numberedEvent('broken', 99)];
      await writeToOutbox(dataSource, events);
      const rows = await eventually(async () => {
        const r = await effects(dataSource, 'pushes');
        return r.length >= 9 && calls.filter((id) => id === events[9]!.eventId).length >= fastRetry.maxAttempts && r;
      });
      for (const c of ['push-0', 'push-1', 'push-2']) {
        const seqs = rows.filter((r) => r.conversation_id === c).map((r) => r.seq);
        expect(seqs).toEqual([...seqs].sort((x, y) => x - y));
      }
      const bookkeeping = (await dataSource.query(
        `SELECT (SELECT count(*) FROM inbox WHERE consumer_group = 'pushes')::int AS inbox,
                (SELECT count(*) FROM dead_letters WHERE consumer_group = 'pushes')::int AS dead`,
      )) as { inbox: number; dead: number }[];
      expect(bookkeeping[0]).toEqual({ inbox: 0, dead: 0 });
    });

    it('finishes a handler in flight on shutdown, and a restarted consumer does not see it again', async () => {
      const calls: string[] = [];
      const prefix = testTopicPrefix();
      const first = new BusPipeline(dataSource, makeBus(prefix), [recordingHandler('graceful', { calls, delayMs: 400 })]);
      await first.start();
      const event = numberedEvent('slow', 1);
      await writeToOutbox(dataSource, [event]);
      await eventually(() => calls.length === 1);
      await first.stop(); // while the handler sleeps
      expect(await effects(dataSource, 'graceful')).toHaveLength(1);

      await pipeline([recordingHandler('graceful', { calls })], prefix);
      await writeToOutbox(dataSource, [numberedEvent('slow', 2)]);
      await eventually(async () => (await effects(dataSource, 'graceful')).length === 2);
      expect(calls.filter((id) => id === event.eventId)).toHaveLength(1);
    });
  });
}
