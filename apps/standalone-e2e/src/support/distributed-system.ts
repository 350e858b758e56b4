import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { createServer, request as httpRequest, type IncomingMessage, type Server } from 'node:http';
import { connect } from 'node:net';
import { join } from 'node:path';
import { newBlindIndexKey, newDataKeyEntry } from '@pegamento/util-crypto';
import { eventually } from '@pegamento/util-testing';

const root = join(__dirname, '..', '..', '..', '..');

function newestSource(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules') continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestSource(path));
    else if (entry.name.endsWith('.ts') || entry.name.endsWith('.json')) newest = Math.max(newest, statSync(path).mtimeMs);
  }
  return newest;
}

/** The services run from the compiled output (as in their images); compile first if dist/ is older than the sources. */
export function ensureBuilt(): void {
  let built = 0;
  try {
    built = statSync(join(root, 'dist', 'apps', 'gateway-web', 'src', 'main.js')).mtimeMs;
  } catch {
    built = 0;
  }
  if (built >= Math.max(newestSource(join(root, 'apps')), newestSource(join(root, 'libs')))) return;
  execFileSync(process.execPath, [join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', 'tsconfig.build.json'], { cwd: root, stdio: 'inherit' });
}

export interface ServiceProcess {
  name: string;
  url: string;
  child: ChildProcess;
  output: () => string;
}

/** Keys of the encrypted columns (ADR 0015), generated for this test run and shared by every service process it starts. */
const FIELD_KEYS = { DATA_ENCRYPTION_KEYS: newDataKeyEntry('e2e'), BLIND_INDEX_KEY: newBlindIndexKey() };

/**
 * Starts a compiled service on a port the kernel picks (PORT=0) and learns it from the
 * service's own "<name> listening on <url>" line: a port chosen by the test could be
 * taken in between by any process's outgoing connection (CI once lost a run that way).
 */
export async function startServiceProcess(name: string, env: Record<string, string>): Promise<ServiceProcess> {
  const child = spawn(process.execPath, ['-r', './tools/runtime/register-paths.cjs', `dist/apps/${name}/src/main.js`], {
    cwd: root,
    env: { ...process.env, ...FIELD_KEYS, ...env, PORT: '0', LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (d: Buffer) => (output = (output + d.toString()).slice(-20_000)));
  child.stderr!.on('data', (d: Buffer) => (output = (output + d.toString()).slice(-20_000)));
  const listening = new RegExp(`^${name} listening on (http://\\S+)$`, 'm');
  let url = '';
  await eventually(
    async () => {
      if (child.exitCode !== null) throw new Error(`${name} exited with ${child.exitCode}: ${output}`);
      url ||= listening.exec(output)?.[1] ?? '';
      if (!url) return false;
      const r = await fetch(`${url}/health/ready`).catch(() => null);
      return r?.status === 200;
    },
    90_000,
    200,
  ).catch((error: Error) => {
    child.kill('SIGKILL');
    throw new Error(`${name} did not become ready: ${error.message}\n${output}`);
  });
  return { name, url, child, output: () => output };
}

export async function stopServiceProcess(service: ServiceProcess): Promise<void> {
  if (service.child.exitCode !== null) return;
  const exited = new Promise((resolve) => service.child.once('exit', resolve));
  service.child.kill('SIGTERM');
  await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 20_000).unref())]);
  if (service.child.exitCode === null) service.child.kill('SIGKILL');
}

/**
 * A path-routing reverse proxy standing in for the Kubernetes ingress (k8s/base/
 * ingress.yaml) and Services: one base URL in front of the separate services and their
 * replicas (round robin, no affinity), WebSocket upgrades included. `routes` is read per
 * request, so it may be filled after the ingress runs (its URL is the public base URL the
 * services are started with). Test support only.
 */
export async function startIngress(routes: { prefix: string; target: string | string[] }[]): Promise<{ url: string; close(): Promise<void> }> {
  // Several targets of a route are replicas behind a Service: each request or upgrade goes to the next one.
  let turn = 0;
  const pick = (url: string | undefined) => {
    const route = routes.find((r) => (url ?? '/').startsWith(r.prefix));
    if (!route) return null;
    const targets = Array.isArray(route.target) ? route.target : [route.target];
    return new URL(targets[turn++ % targets.length]!);
  };
  const server: Server = createServer((req: IncomingMessage, res) => {
    const target = pick(req.url);
    if (!target) {
      res.writeHead(404, { 'content-type': 'application/json' }).end(JSON.stringify({ error: { code: 'not_found', message: 'no route' } }));
      return;
    }
    const upstream = httpRequest({ host: target.hostname, port: target.port, path: req.url, method: req.method, headers: req.headers }, (up) => {
      res.writeHead(up.statusCode ?? 502, up.headers);
      up.pipe(res);
    });
    upstream.on('error', () => res.writeHead(502).end());
    req.pipe(upstream);
  });
  server.on('upgrade', (req: IncomingMessage, socket, head) => {
    const target = pick(req.url);
    if (!target) return socket.destroy();
    const upstream = connect(Number(target.port), target.hostname, () => {
      const headers = Object.entries(req.headers).map(([k, v]) => `${k}: ${Array.isArray(v) ? v.join(', ') : v}`);
      upstream.write(`${req.method} ${req.url} HTTP/1.1\r\n${headers.join('\r\n')}\r\n\r\n`);
      upstream.write(head);
      upstream.pipe(socket).pipe(upstream);
    });
    upstream.on('error', () => socket.destroy());
    socket.on('error', () => upstream.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
