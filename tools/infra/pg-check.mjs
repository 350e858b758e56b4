// Usage: node tools/infra/pg-check.mjs <postgres-url> [wait-seconds] [pid]
// Exits 0 as soon as `select 1` succeeds on the URL. Retries for up to wait-seconds
// (0: one attempt), and gives up early when the optional pid is no longer alive.
// The last error goes to stderr. Used by tools/infra/up.sh.
import pg from 'pg';

const [url, waitArg = '0', pidArg = ''] = process.argv.slice(2);
if (!url) {
  console.error('usage: pg-check.mjs <postgres-url> [wait-seconds] [pid]');
  process.exit(2);
}
const deadline = Date.now() + Number(waitArg) * 1000;
const pid = pidArg ? Number(pidArg) : undefined;

function alive(p) {
  try {
    process.kill(p, 0);
    return true;
  } catch {
    return false;
  }
}

let lastError = 'no attempt';
for (;;) {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2000 });
  client.on('error', () => {});
  try {
    await client.connect();
    await client.query('select 1');
    await client.end();
    process.exit(0);
  } catch (err) {
    lastError = err instanceof Error ? err.message : String(err);
    await client.end().catch(() => {});
  }
  if (Date.now() >= deadline) break;
  if (pid !== undefined && !alive(pid)) {
    lastError = `process ${pid} exited (${lastError})`;
    break;
  }
  await new Promise((resolve) => setTimeout(resolve, 200));
}
console.error(`[infra] cannot connect to ${url.replace(/:[^:@/]*@/, ':***@')}: ${lastError}`);
process.exit(1);
