import { randomBytes } from 'node:crypto';
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
