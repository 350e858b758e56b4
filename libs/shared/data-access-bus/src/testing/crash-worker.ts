/**
 * A bus process the crash tests start as a child and kill with SIGKILL mid-batch.
 *   ROLE=relay    publishes the outbox to Kafka; after the first batch reached Kafka it
 *                 prints "published" and hangs before marking the rows published.
 *   ROLE=consumer consumes with the recording handler; after the event with
 *                 details.seq = HANG_AT_SEQ is committed to the database it prints
 *                 "handled" and hangs before the Kafka offset is committed.
 */
import { openDatabase } from '@pegamento/util-db';
import { busEntities, busMigrations } from '../lib/bus-schema';
import { ConsumerRunner } from '../lib/consumer-runner';
import { KafkaEventBus } from '../lib/kafka-event-bus';
import { OutboxRelay } from '../lib/outbox-relay';
import { silentBusLogger } from '../lib/bus-logger';
import type { EventBus, Subscription } from '../lib/event-bus.port';
import { recordingHandler, testEventSealer } from '../testing';

const env = (name: string) => {
  const value = process.env[name];
  if (!value) throw new Error(`${name} missing`);
  return value;
};
const never = () => new Promise<never>(() => undefined);

async function main(): Promise<void> {
  const dataSource = await openDatabase({ url: env('DATABASE_URL'), applicationName: 'crash-worker', entities: busEntities, migrations: busMigrations });
  const bus = new KafkaEventBus({
    brokers: env('KAFKA_BROKERS').split(','),
    clientId: 'crash-worker',
    topicPrefix: env('TOPIC_PREFIX'),
    partitions: 3,
    replicationFactor: 1,
    connectionTimeoutMs: 3_000,
    sessionTimeoutMs: 10_000,
    partitionsConsumedConcurrently: 1,
  });
  await bus.connect();
  // Sealed payloads, as in production (ADR 0018).
  const sealer = testEventSealer();
  if (env('ROLE') === 'relay') {
    const relay = new OutboxRelay(dataSource, bus, {
      batchSize: Number(env('BATCH_SIZE')),
      pollIntervalMs: 50,
      retentionMs: 3_600_000,
      sealer,
      afterPublish: async () => {
        process.stdout.write('published\n');
        await never();
      },
    }, silentBusLogger);
    await relay.start();
    return;
  }
  const hangAt = Number(env('HANG_AT_SEQ'));
  const hangingBus: EventBus = Object.assign(Object.create(bus) as EventBus, {
    subscribe: (subscription: Subscription) =>
      bus.subscribe({
        ...subscription,
        handle: async (message) => {
          await subscription.handle(message);
          const opened = await sealer.open(dataSource, message.key, message.value);
          if (opened.kind === 'open' && (opened.envelope as { payload: { details: { seq: number } } }).payload.details.seq === hangAt) {
            process.stdout.write('handled\n');
            await never();
          }
        },
      }),
  });
  const runner = new ConsumerRunner(dataSource, { maxAttempts: 3, baseDelayMs: 10, maxDelayMs: 50 }, silentBusLogger, undefined, sealer);
  runner.register(recordingHandler(env('GROUP')));
  await runner.start(hangingBus);
}

main().catch((error: unknown) => {
  process.stderr.write(`${String(error)}\n`);
  process.exit(1);
});
