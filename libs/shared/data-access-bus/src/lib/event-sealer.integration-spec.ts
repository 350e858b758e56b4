import type { DataSource } from 'typeorm';
import { testFieldKeyRing } from '@pegamento/util-crypto/testing';
import type { TestDatabase } from '@pegamento/util-testing';
import { ContractViolationError, TOPICS } from '@pegamento/contracts';
import { eventually } from '@pegamento/util-testing';
import { effects, fastRetry, numberedEvent, openBusTestDatabase, recordingHandler } from '../testing';
import { silentBusLogger } from './bus-logger';
import { ConsumerRunner } from './consumer-runner';
import { EVENT_KEY_PLACE, EventSealer, SealedEventError, type OpenedMessage } from './event-sealer';
import { InProcessEventBus } from './in-process-event-bus';
import { OutboxRelay } from './outbox-relay';

describe('EventSealer (crypto-shredding of the event log, ADR 0018) on PostgreSQL', () => {
  let db: TestDatabase;
  let dataSource: DataSource;
  const ring = testFieldKeyRing(['k1']);

  beforeAll(async () => {
    ({ db, dataSource } = await openBusTestDatabase());
  });
  afterAll(async () => {
    await dataSource?.destroy();
    await db?.drop();
  });

  const message = (conversationId: string, seq = 1) => {
    const event = numberedEvent(conversationId, seq);
    return { event, plain: { key: conversationId, envelope: event as unknown as Record<string, unknown> } };
  };

  it('seals only the payload, under a key per conversation stored wrapped, and opens it again in another process', async () => {
    const a = message('seal-a');
    const b = message('seal-b');
    const [sealedA, sealedB] = await new EventSealer(ring, 10).seal(dataSource, [a.plain, b.plain]);
    const envelope = JSON.parse(sealedA!) as Record<string, unknown>;
    expect(envelope).not.toHaveProperty('payload');
    expect(envelope).toMatchObject({ eventId: a.event.eventId, conversationId: 'seal-a', sealed: expect.stringMatching(/^es1:[\w-]+:[\w-]+$/) });
    const keys = (await dataSource.query(`SELECT message_key, wrapped_key FROM event_keys WHERE message_key IN ('seal-a', 'seal-b') ORDER BY 1`)) as { message_key: string; wrapped_key: string }[];
    expect(keys.map((k) => k.message_key)).toEqual(['seal-a', 'seal-b']);
    for (const k of keys) expect(k.wrapped_key).toMatch(/^enc:v1:k1:/);
    // A second process (its own, empty cache) reads both.
    const other = new EventSealer(ring, 10);
    expect(await other.open(dataSource, 'seal-a', sealedA!)).toEqual({ kind: 'open', envelope: a.event });
    expect(await other.open(dataSource, 'seal-b', sealedB!)).toEqual({ kind: 'open', envelope: b.event });
    // The same conversation keeps its key.
    await new EventSealer(ring, 10).seal(dataSource, [message('seal-a', 2).plain]);
    expect(await dataSource.query(`SELECT count(*)::int AS n FROM event_keys WHERE message_key = 'seal-a'`)).toEqual([{ n: 1 }]);
  });

  it('refuses a sealed payload moved to another event or conversation, changed, or malformed', async () => {
    const sealer = new EventSealer(ring, 10);
    const one = message('move-a', 1);
    const two = message('move-a', 2);
    const [first, second] = (await sealer.seal(dataSource, [one.plain, two.plain])).map((v) => JSON.parse(v!) as Record<string, string>);
    const moved = JSON.stringify({ ...second, sealed: first!['sealed'] });
    await expect(sealer.open(dataSource, 'move-a', moved)).rejects.toThrow(SealedEventError);
    await sealer.seal(dataSource, [message('move-b').plain]);
    await expect(sealer.open(dataSource, 'move-b', JSON.stringify(first))).rejects.toThrow(/does not authenticate/);
    const body = first!['sealed']!;
    const flipped = `${body.slice(0, -2)}${body.endsWith('A') ? 'B' : 'A'}${body.slice(-1)}`;
    await expect(sealer.open(dataSource, 'move-a', JSON.stringify({ ...first, sealed: flipped }))).rejects.toThrow(SealedEventError);
    await expect(sealer.open(dataSource, 'move-a', JSON.stringify({ ...first, sealed: 'es1:short' }))).rejects.toThrow(/malformed/);
    await expect(sealer.open(dataSource, 'move-a', JSON.stringify({ ...first, sealed: 42 }))).rejects.toThrow(/malformed/);
  });

  it('passes a message that was never sealed through as it is, and refuses one that is not JSON as a contract violation', async () => {
    const { event } = message('plain');
    expect(await new EventSealer(ring, 10).open(dataSource, 'plain', JSON.stringify(event))).toEqual({ kind: 'open', envelope: event });
    await expect(new EventSealer(ring, 10).open(dataSource, 'plain', 'not json')).rejects.toThrow(ContractViolationError);
  });

  it('shreds: once the key is deleted, no process can open the copies, and none makes a new key for an erased conversation', async () => {
    const sealer = new EventSealer(ring, 10);
    const [copy] = await sealer.seal(dataSource, [message('shred-me').plain]);
    await dataSource.query(`INSERT INTO erased_keys (message_key) VALUES ('shred-me')`);
    await dataSource.query(`DELETE FROM event_keys WHERE message_key = 'shred-me'`);
    expect(await new EventSealer(ring, 10).open(dataSource, 'shred-me', copy!)).toEqual({ kind: 'shredded' });
    // Even the process that still holds the key in memory seals nothing more for it.
    expect(await sealer.seal(dataSource, [message('shred-me', 2).plain, message('alive').plain])).toEqual([null, expect.stringContaining('"sealed"')]);
    expect(await sealer.open(dataSource, 'shred-me', copy!)).toEqual({ kind: 'shredded' });
    expect(await dataSource.query(`SELECT 1 FROM event_keys WHERE message_key = 'shred-me'`)).toEqual([]);
  });

  it('keeps at most BUS_EVENT_KEY_CACHE_SIZE keys in memory and reads the others from the database', async () => {
    const sealer = new EventSealer(ring, 1);
    const messages = ['cache-1', 'cache-2', 'cache-3'].map((c) => message(c).plain);
    const sealed = await sealer.seal(dataSource, messages);
    const opened = await Promise.all(messages.map((m, i) => sealer.open(dataSource, m.key, sealed[i]!)));
    expect(opened.map((o) => o.kind === 'open' && o.envelope)).toEqual(messages.map((m) => m.envelope));
    expect(() => new EventSealer(ring, 0)).toThrow(/cacheSize/);
  });

  it('opens keys wrapped with an older data key while the ring still has it, and says which key is missing when not', async () => {
    const [sealed] = await new EventSealer(testFieldKeyRing(['old']), 10).seal(dataSource, [message('rotating').plain]);
    expect((await new EventSealer(testFieldKeyRing(['new', 'old']), 10).open(dataSource, 'rotating', sealed!)).kind).toBe('open');
    await expect(new EventSealer(testFieldKeyRing(['new']), 10).open(dataSource, 'rotating', sealed!)).rejects.toThrow(/cannot be unwrapped.*'old'/);
    const [{ wrapped_key }] = (await dataSource.query(`SELECT wrapped_key FROM event_keys WHERE message_key = 'rotating'`)) as [{ wrapped_key: string }];
    // Wrapped for its place: the same ciphertext elsewhere does not decrypt.
    expect(() => testFieldKeyRing(['old']).decrypt(wrapped_key, 'messages.text')).toThrow();
    expect(testFieldKeyRing(['old']).decrypt(wrapped_key, EVENT_KEY_PLACE)).toMatch(/^[A-Za-z0-9+/]{43}=$/);
  });

  it('deletes a key a relay created while an erasure of its conversation was committing', async () => {
    await dataSource.query(`INSERT INTO erased_keys (message_key) VALUES ('raced')`);
    await dataSource.query(`INSERT INTO event_keys (message_key, wrapped_key) VALUES ('raced', $1), ('kept', $1)`, [ring.encrypt('x', EVENT_KEY_PLACE)]);
    const relay = new OutboxRelay(dataSource, new InProcessEventBus(), { batchSize: 10, pollIntervalMs: 20, retentionMs: 3_600_000, sealer: new EventSealer(ring, 10) }, silentBusLogger);
    await relay.start();
    try {
      await eventually(async () => ((await dataSource.query(`SELECT 1 FROM event_keys WHERE message_key = 'raced'`)) as unknown[]).length === 0);
      expect(await dataSource.query(`SELECT message_key FROM event_keys WHERE message_key = 'kept'`)).toEqual([{ message_key: 'kept' }]);
    } finally {
      await relay.stop();
    }
  });

  describe('when the key cannot be read (the database)', () => {
    class FlakySealer extends EventSealer {
      failures = 0;
      constructor(private failFirst: number) {
        super(ring, 10);
      }
      override async open(db: DataSource, key: string, value: string): Promise<OpenedMessage> {
        if (this.failures < this.failFirst) {
          this.failures += 1;
          throw new Error('connection terminated');
        }
        return super.open(db, key, value);
      }
    }

    async function deliver(sealer: EventSealer, group: string): Promise<{ value: string; bus: InProcessEventBus }> {
      const event = numberedEvent(`flaky-${group}`, 1);
      const [value] = await new EventSealer(ring, 10).seal(dataSource, [{ key: event.conversationId, envelope: event as unknown as Record<string, unknown> }]);
      const bus = new InProcessEventBus();
      const runner = new ConsumerRunner(dataSource, fastRetry, silentBusLogger, undefined, sealer);
      runner.register(recordingHandler(group));
      await runner.start(bus);
      return { value: value!, bus };
    }

    it('tries again with back-off and then handles the event', async () => {
      const sealer = new FlakySealer(2);
      const { value, bus } = await deliver(sealer, 'key-read-retried');
      await bus.publish([{ topic: TOPICS.auditRecorded, key: 'flaky-key-read-retried', value }]);
      expect(sealer.failures).toBe(2);
      expect(await effects(dataSource, 'key-read-retried')).toHaveLength(1);
    });

    it('after the last try hands the failure to the bus for redelivery, never to the dead letters', async () => {
      const { value, bus } = await deliver(new FlakySealer(99), 'key-read-failed');
      await expect(bus.publish([{ topic: TOPICS.auditRecorded, key: 'flaky-key-read-failed', value }])).rejects.toThrow('connection terminated');
      expect(await dataSource.query(`SELECT 1 FROM dead_letters WHERE consumer_group = 'key-read-failed'`)).toEqual([]);
    });
  });
});
