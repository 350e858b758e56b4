import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { TEST_KAFKA_BROKERS_VAR, TEST_KAFKA_SASL_SSL_VARS, TEST_PG_ADMIN_URL_VAR } from '../../libs/shared/util-testing/src/index';

/**
 * Finds Kafka and PostgreSQL for the suites, in the order of architecture.md:
 * KAFKA_BROKERS / DATABASE_URL when set; otherwise tools/infra/up.sh, which uses a
 * Docker engine when one answers and else provisions them locally (Kafka on the
 * JDK from Maven Central artifacts; PostgreSQL on 127.0.0.1:5432 or embedded).
 * What this setup starts, the teardown stops.
 */
const root = join(__dirname, '..', '..');
const infraDir = join(root, '.infra');
export const STARTED_MARK = join(infraDir, 'started-by-jest');

function readInfraEnv(): Record<string, string> {
  const file = join(infraDir, 'env');
  const env: Record<string, string> = {};
  if (!existsSync(file)) return env;
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    const m = /^(?:export\s+)?([A-Z_]+)=["']?([^"'\n]*)["']?$/.exec(line.trim());
    if (m) env[m[1]!] = m[2]!;
  }
  return env;
}

export default async function globalSetup(): Promise<void> {
  let kafka = process.env['KAFKA_BROKERS'];
  let database = process.env['DATABASE_URL'];
  if (!kafka || !database) {
    const wasUp = existsSync(join(infraDir, 'env')) && isInfraAlive();
    execFileSync('bash', [join(root, 'tools/infra/up.sh')], { stdio: ['ignore', 'inherit', 'inherit'], cwd: root, env: process.env });
    if (!wasUp) {
      mkdirSync(infraDir, { recursive: true });
      writeFileSync(STARTED_MARK, String(Date.now()));
    }
    const env = readInfraEnv();
    kafka ??= env['KAFKA_BROKERS'];
    database ??= env['DATABASE_URL'];
    // The SASL_SSL listener of the local broker, for the TLS/SASL tests (kafka-tls-sasl.integration-spec.ts).
    for (const name of TEST_KAFKA_SASL_SSL_VARS) {
      const value = env[name];
      if (!process.env[name] && value) process.env[name] = value;
    }
  }
  if (!kafka || !database) throw new Error('Could not find or start Kafka and PostgreSQL for the tests (see tools/infra/README.md)');
  process.env[TEST_KAFKA_BROKERS_VAR] = kafka;
  process.env[TEST_PG_ADMIN_URL_VAR] = database;
}

function isInfraAlive(): boolean {
  try {
    execFileSync('bash', [join(root, 'tools/infra/status.sh')], { stdio: 'ignore', cwd: root });
    return true;
  } catch {
    return false;
  }
}
