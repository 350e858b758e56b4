// Smoke test of the provisioned infrastructure:
//   node_modules/.bin/node tools/infra/smoke.mjs [--kafka-only | --pg-only]
// Reads KAFKA_BROKERS and DATABASE_URL from the environment, else from .infra/env
// ($INFRA_DIR/env when INFRA_DIR is set).
// Kafka: creates a throw-away topic (3 partitions, replication factor 1), produces one
// message, consumes it back in a new consumer group, deletes the topic.
// PostgreSQL: `select version()`. Prints timings; exits non-zero on any failure.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import kafkajs from 'kafkajs';
import pg from 'pg';

const { Kafka, logLevel, Partitioners } = kafkajs;
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const args = new Set(process.argv.slice(2));

function fromEnvFile(name) {
  try {
    const text = readFileSync(path.join(path.resolve(process.env.INFRA_DIR ?? path.join(root, '.infra')), 'env'), 'utf8');
    const m = text.match(new RegExp(`^export ${name}=(?:'([^']*)'|(\\S*))$`, 'm'));
    return m ? (m[1] ?? m[2]) : undefined;
  } catch {
    return undefined;
  }
}
const brokers = process.env.KAFKA_BROKERS ?? fromEnvFile('KAFKA_BROKERS');
const databaseUrl = process.env.DATABASE_URL ?? fromEnvFile('DATABASE_URL');

const ms = (t0) => `${Date.now() - t0} ms`;
const withTimeout = (promise, millis, what) =>
  Promise.race([
    promise,
    new Promise((_, reject) => setTimeout(() => reject(new Error(`${what}: timed out after ${millis} ms`)), millis).unref()),
  ]);

async function smokeKafka() {
  if (!brokers) throw new Error('KAFKA_BROKERS is not set and .infra/env has none (run npm run infra:up)');
  const kafka = new Kafka({ clientId: 'infra-smoke', brokers: brokers.split(','), logLevel: logLevel.WARN });
  const topic = `infra-smoke-${Date.now()}`;
  const admin = kafka.admin();
  const producer = kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner });
  const consumer = kafka.consumer({ groupId: `${topic}-group` });
  const t0 = Date.now();
  try {
    await admin.connect();
    await admin.createTopics({ topics: [{ topic, numPartitions: 3, replicationFactor: 1 }], waitForLeaders: true });
    const tTopic = Date.now();
    await producer.connect();
    const value = `hello ${new Date().toISOString()}`;
    await producer.send({ topic, messages: [{ key: 'conversation-1', value }] });
    const tProduce = Date.now();
    await consumer.connect();
    await consumer.subscribe({ topic, fromBeginning: true });
    const received = new Promise((resolve) => {
      consumer.run({ eachMessage: async ({ message }) => resolve(message.value?.toString()) });
    });
    const got = await withTimeout(received, 60_000, 'consume');
    if (got !== value) throw new Error(`consumed ${JSON.stringify(got)}, expected ${JSON.stringify(value)}`);
    console.log(
      `[smoke] kafka ${brokers}: topic ${tTopic - t0} ms, produce ${tProduce - tTopic} ms, ` +
        `consume (group join) ${ms(tProduce)}, total ${ms(t0)}`,
    );
  } finally {
    await consumer.disconnect().catch(() => {});
    await producer.disconnect().catch(() => {});
    await admin.deleteTopics({ topics: [topic] }).catch(() => {});
    await admin.disconnect().catch(() => {});
  }
}

async function smokePg() {
  if (!databaseUrl) throw new Error('DATABASE_URL is not set and .infra/env has none (run npm run infra:up)');
  const t0 = Date.now();
  const client = new pg.Client({ connectionString: databaseUrl, connectionTimeoutMillis: 5000 });
  await client.connect();
  const { rows } = await client.query('select version() as v, current_database() as db');
  await client.end();
  console.log(`[smoke] postgres ${databaseUrl.replace(/:[^:@/]*@/, ':***@')}: ${rows[0].db}, ${rows[0].v.split(' on ')[0]}, ${ms(t0)}`);
}

try {
  if (!args.has('--pg-only')) await smokeKafka();
  if (!args.has('--kafka-only')) await smokePg();
  console.log('[smoke] ok');
} catch (err) {
  console.error(`[smoke] FAILED: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
}
