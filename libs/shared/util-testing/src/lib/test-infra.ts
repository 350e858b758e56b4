import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { Client } from 'pg';

/**
 * What tools/jest/global-setup.ts found: a PostgreSQL server to create databases on
 * and Kafka brokers. Each test file gets its own database and topic prefix, so
 * files running side by side never see each other's rows or events.
 */
export const TEST_PG_ADMIN_URL_VAR = 'PEGAMENTO_TEST_PG_ADMIN_URL';
export const TEST_KAFKA_BROKERS_VAR = 'PEGAMENTO_TEST_KAFKA_BROKERS';

function required(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set: run the tests through the root jest config (npm test)`);
  return value;
}

export function uniqueTestName(prefix: string): string {
  return `${prefix}_${process.env['JEST_WORKER_ID'] ?? '0'}_${randomBytes(5).toString('hex')}`;
}

export interface TestDatabase {
  url: string;
  name: string;
  drop(): Promise<void>;
}

export async function createTestDatabase(): Promise<TestDatabase> {
  const adminUrl = required(TEST_PG_ADMIN_URL_VAR);
  const name = uniqueTestName('pegamento_test');
  const admin = new Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    name,
    drop: async () => {
      const c = new Client({ connectionString: adminUrl });
      await c.connect();
      try {
        await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } finally {
        await c.end();
      }
    },
  };
}

export function testKafkaBrokers(): string[] {
  return required(TEST_KAFKA_BROKERS_VAR).split(',');
}

/** The SASL_SSL listener of the test broker (tools/infra/up.sh writes these to .infra/env). */
export interface TestKafkaSaslSsl {
  brokers: string[];
  caFile: string;
  caPem: string;
  username: string;
  password: string;
}

export const TEST_KAFKA_SASL_SSL_VARS = ['KAFKA_SASL_SSL_BROKERS', 'KAFKA_TEST_SSL_CA_FILE', 'KAFKA_TEST_SASL_USERNAME', 'KAFKA_TEST_SASL_PASSWORD'] as const;

/**
 * The test broker's SASL_SSL listener; throws (the test fails, it is never skipped) when
 * its variables are missing.
 */
export function testKafkaSaslSsl(): TestKafkaSaslSsl {
  const missing = TEST_KAFKA_SASL_SSL_VARS.filter((name) => !process.env[name]);
  if (missing.length > 0) {
    throw new Error(
      `${missing.join(', ')} not set: run tools/infra/up.sh (it gives the local broker a SASL_SSL listener and writes these to .infra/env; ` +
        'a broker started by an older up.sh needs tools/infra/down.sh first; the Docker broker has no such listener, use INFRA_DOCKER=off), ' +
        'then `source .infra/env`. With KAFKA_BROKERS of your own, set them for its SASL_SSL listener.',
    );
  }
  const caFile = process.env['KAFKA_TEST_SSL_CA_FILE']!;
  return {
    brokers: process.env['KAFKA_SASL_SSL_BROKERS']!.split(','),
    caFile,
    caPem: readFileSync(caFile, 'utf8'),
    username: process.env['KAFKA_TEST_SASL_USERNAME']!,
    password: process.env['KAFKA_TEST_SASL_PASSWORD']!,
  };
}

/** A topic and consumer-group prefix no other test file uses. */
export function testTopicPrefix(): string {
  return `${uniqueTestName('t')}.`;
}

/** Polls until `check` returns a value (not undefined/false) or the time is up. */
export async function eventually<T>(check: () => Promise<T | undefined | false> | T | undefined | false, timeoutMs = 20_000, everyMs = 50): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const value = await check();
      if (value !== undefined && value !== false) return value as T;
    } catch (error) {
      last = error;
    }
    if (Date.now() > deadline) {
      throw new Error(`condition not met within ${timeoutMs} ms${last ? `: ${(last as Error).message}` : ''}`);
    }
    await new Promise((r) => setTimeout(r, everyMs));
  }
}
