/**
 * What sealing event payloads per conversation (ADR 0018) costs on the bus.
 *
 *   npm run bench:bus                 # in-process bus on PostgreSQL
 *   KAFKA_BROKERS=127.0.0.1:9092 npm run bench:bus   # also on Kafka
 *
 * Pushes the same events (BENCH_EVENTS, default 2000, over BENCH_CONVERSATIONS, default
 * 200) through outbox → relay → bus → consumer runner, once open and once sealed, in a
 * scratch database on DATABASE_URL's server (else 127.0.0.1:5432), and prints events per
 * second end to end and the AES-GCM cost of sealing and opening alone. Prints figures;
 * asserts nothing.
 */
import { Client } from 'pg';
import { performance } from 'node:perf_hooks';
import { createEvent, type AnyEvent } from '../libs/shared/contracts/src/index';
import { EventSealer, InProcessEventBus, KafkaEventBus, busEntities, busMigrations, type EventBus } from '../libs/shared/data-access-bus/src/index';
import { BusPipeline, EFFECTS_TABLE_SQL, recordingHandler, writeToOutbox } from '../libs/shared/data-access-bus/src/testing';
import { testFieldKeyRing } from '../libs/shared/util-crypto/src/testing';
import { openDatabase } from '../libs/shared/util-db/src/index';

const EVENTS = Number(process.env['BENCH_EVENTS'] ?? 2_000);
const CONVERSATIONS = Number(process.env['BENCH_CONVERSATIONS'] ?? 200);
const TEXT = 'Hallo, ik ben Jan Jansen (jan.jansen@example.test, 06-12345678). Mijn pakket is niet aangekomen, kunnen jullie kijken waar het is? '.repeat(3);

function events(run: string): AnyEvent[] {
  return Array.from({ length: EVENTS }, (_, i) =>
    createEvent('audit.recorded', {
      tenantId: 'bench',
      conversationId: `${run}-${i % CONVERSATIONS}`,
      payload: { action: 'bench.step', actor: { type: 'system', id: null }, reason: TEXT, details: { seq: i } },
    }),
  );
}

async function main(): Promise<void> {
  const serverUrl = process.env['DATABASE_URL'] ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const name = `bench_bus_${Date.now()}`;
  const admin = new Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const dataSource = await openDatabase({ url: url.toString(), applicationName: 'bench-bus', entities: busEntities, migrations: busMigrations });
  await dataSource.query(EFFECTS_TABLE_SQL);
  const ring = testFieldKeyRing();
  try {
    // AES-GCM alone, keys already cached.
    const sealer = new EventSealer(ring, CONVERSATIONS * 2);
    const sample = events('crypto').map((e) => ({ key: e.conversationId, envelope: e as unknown as Record<string, unknown> }));
    await sealer.seal(dataSource, sample);
    let start = performance.now();
    const sealed = await sealer.seal(dataSource, sample);
    const sealMs = performance.now() - start;
    start = performance.now();
    for (let i = 0; i < sample.length; i++) await sealer.open(dataSource, sample[i]!.key, sealed[i]!);
    const openMs = performance.now() - start;
    console.log(`payload ${Buffer.byteLength(JSON.stringify(sample[0]!.envelope))} bytes open, ${Buffer.byteLength(sealed[0]!)} sealed`);
    console.log(`seal ${((sealMs * 1000) / EVENTS).toFixed(1)} µs/event (incl. one erased-keys query per batch), open ${((openMs * 1000) / EVENTS).toFixed(1)} µs/event (cached key)`);

    const buses: [string, (prefix: string) => EventBus][] = [['in-process', () => new InProcessEventBus()]];
    const brokers = process.env['KAFKA_BROKERS'];
    if (brokers) {
      buses.push([
        'kafka',
        (topicPrefix) =>
          new KafkaEventBus({
            brokers: brokers.split(','),
            clientId: 'bench-bus',
            topicPrefix,
            partitions: 6,
            replicationFactor: 1,
            connectionTimeoutMs: 3_000,
            sessionTimeoutMs: 10_000,
            partitionsConsumedConcurrently: 3,
          }),
      ]);
    }
    for (const [busName, makeBus] of buses) {
      for (const mode of ['open', 'sealed'] as const) {
        const run = `${busName}-${mode}-${Date.now()}`;
        const group = `bench-${run}`;
        const pipeline = new BusPipeline(dataSource, makeBus(`bench.${run}.`), [recordingHandler(group)], undefined, { batchSize: 200 }, mode === 'sealed' ? new EventSealer(ring, 10_000) : null);
        await pipeline.start();
        const batch = events(run);
        start = performance.now();
        for (let i = 0; i < batch.length; i += 100) await writeToOutbox(dataSource, batch.slice(i, i + 100));
        for (;;) {
          const [{ n }] = (await dataSource.query(`SELECT count(*)::int AS n FROM effects WHERE consumer_group = $1`, [group])) as [{ n: number }];
          if (n >= EVENTS) break;
          await new Promise((resolve) => setTimeout(resolve, 20));
        }
        const seconds = (performance.now() - start) / 1000;
        await pipeline.stop();
        console.log(`${busName.padEnd(10)} ${mode.padEnd(6)} ${EVENTS} events, ${CONVERSATIONS} conversations: ${(EVENTS / seconds).toFixed(0)} events/s end to end`);
      }
    }
  } finally {
    await dataSource.destroy();
    await admin.query(`DROP DATABASE ${name} WITH (FORCE)`);
    await admin.end();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
