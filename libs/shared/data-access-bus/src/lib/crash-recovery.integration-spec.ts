import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import type { DataSource } from 'typeorm';
import { TOPICS } from '@pegamento/contracts';
import { eventually, testKafkaBrokers, testTopicPrefix, type TestDatabase } from '@pegamento/util-testing';
import type { EventBus, Subscription } from './event-bus.port';
import { BusPipeline, effects, kafkaTestBus, numberedEvent, openBusTestDatabase, recordingHandler, writeToOutbox } from '../testing';

const root = join(__dirname, '..', '..', '..', '..', '..');
const worker = join(__dirname, '..', 'testing', 'crash-worker.ts');

const kafkaBus = (topicPrefix: string) => kafkaTestBus(topicPrefix, 'crash-test');

/** Counts every delivery the adapter hands to the runner, duplicates included. */
function countingBus(bus: EventBus, deliveries: string[]): EventBus {
  return Object.assign(Object.create(bus) as EventBus, {
    subscribe: (s: Subscription) =>
      bus.subscribe({ ...s, handle: async (m) => { deliveries.push((JSON.parse(m.value) as { eventId: string }).eventId); await s.handle(m); } }),
  });
}

/** Workers still alive when a test ends (it failed before killing them): killed in afterEach. */
const workers = new Set<ChildProcess>();

function startWorker(env: Record<string, string>): { child: ChildProcess; said: (word: string) => Promise<void> } {
  const child = spawn(process.execPath, ['--import', 'tsx', worker], { cwd: root, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  workers.add(child);
  child.once('exit', () => workers.delete(child));
  let out = '';
  let err = '';
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (err += d.toString()));
  return {
    child,
    said: (word) => eventually(() => {
      if (child.exitCode !== null) throw new Error(`worker exited ${child.exitCode}: ${err}`);
      return out.includes(word);
    }, 60_000).then(
      () => undefined,
      (error: Error) => {
        throw new Error(`${error.message}; worker said: ${out.slice(-500)} ${err.slice(-2000)}`);
      },
    ),
  };
}

async function kill(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGKILL');
  await exited;
}

describe('crash recovery on Apache Kafka', () => {
  let db: TestDatabase;
  let dataSource: DataSource;
  const stopLater: BusPipeline[] = [];

  beforeAll(async () => {
    ({ db, dataSource } = await openBusTestDatabase());
  });
  afterEach(async () => {
    await Promise.all([...workers].map(kill));
    // A relay left running would publish the next test's outbox rows to its own topics.
    await Promise.all(stopLater.splice(0).map((p) => p.stop()));
  });
  afterAll(async () => {
    await dataSource?.destroy();
    await db?.drop();
  });

  it('delivers every event exactly once in effect after the relay is killed between publishing and recording it', async () => {
    const prefix = testTopicPrefix();
    const events = Array.from({ length: 30 }, (_, i) => numberedEvent(`relay-${i % 3}`, i));
    await writeToOutbox(dataSource, events);
    const bus = kafkaBus(prefix);
    await bus.connect();
    await bus.ensureTopics([TOPICS.auditRecorded, TOPICS.deadLetter]);
    await bus.close();

    const relayProcess = startWorker({ ROLE: 'relay', DATABASE_URL: db.url, KAFKA_BROKERS: testKafkaBrokers().join(','), TOPIC_PREFIX: prefix, BATCH_SIZE: '10' });
    await relayProcess.said('published');
    await kill(relayProcess.child);
    const [{ unpublished }] = (await dataSource.query('SELECT count(*)::int AS unpublished FROM outbox WHERE published_at IS NULL')) as { unpublished: number }[];
    expect(unpublished).toBe(30); // the first batch reached Kafka but was never recorded

    const deliveries: string[] = [];
    const pipeline = new BusPipeline(dataSource, countingBus(kafkaBus(prefix), deliveries), [recordingHandler('after-relay-crash')]);
    stopLater.push(await pipeline.start());
    const rows = await eventually(async () => {
      const r = await effects(dataSource, 'after-relay-crash');
      return r.length >= 30 && r;
    }, 60_000);
    await eventually(() => deliveries.length >= 40, 30_000); // the first batch arrived twice
    expect(rows.map((r) => r.event_id).sort()).toEqual(events.map((e) => e.eventId).sort());
    for (const c of ['relay-0', 'relay-1', 'relay-2']) {
      const seqs = rows.filter((r) => r.conversation_id === c).map((r) => r.seq);
      expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
    }
  }, 120_000);

  it('delivers every event exactly once in effect after a consumer is killed after its database commit and before its offset commit', async () => {
    const prefix = testTopicPrefix();
    const group = 'after-consumer-crash';
    const events = Array.from({ length: 20 }, (_, i) => numberedEvent('one-conversation', i));
    const publisher = new BusPipeline(dataSource, kafkaBus(prefix), []);
    stopLater.push(await publisher.start());
    await writeToOutbox(dataSource, events);
    await eventually(async () => {
      const [{ n }] = (await dataSource.query('SELECT count(*)::int AS n FROM outbox WHERE published_at IS NULL')) as { n: number }[];
      return n === 0;
    });

    const consumerProcess = startWorker({ ROLE: 'consumer', DATABASE_URL: db.url, KAFKA_BROKERS: testKafkaBrokers().join(','), TOPIC_PREFIX: prefix, GROUP: group, HANG_AT_SEQ: '7' });
    await consumerProcess.said('handled');
    await kill(consumerProcess.child);
    const before = await effects(dataSource, group);
    expect(before.map((r) => r.seq)).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);

    const deliveries: string[] = [];
    const restarted = new BusPipeline(dataSource, countingBus(kafkaBus(prefix), deliveries), [recordingHandler(group)]);
    stopLater.push(await restarted.start());
    const rows = await eventually(async () => {
      const r = await effects(dataSource, group);
      return r.length >= 20 && r;
    }, 90_000);
    expect(rows.map((r) => r.seq)).toEqual(Array.from({ length: 20 }, (_, i) => i));
    expect(deliveries).toContain(events[7]!.eventId); // redelivered, and absorbed by the inbox
  }, 150_000);
});
