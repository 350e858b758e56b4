import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One call the fake answered: the Web API method (or `response_url`) and its arguments. */
export interface FakeSlackCall {
  method: string;
  args: Record<string, unknown>;
  status: number;
  at: Date;
}

/** How the fake answers instead: Slack's throttle (429 with Retry-After) or a server error. */
export type FakeSlackFailure = { status: 429; retryAfterSeconds: number } | { status: 500 | 502 | 503 };

export interface FakeSlackUser {
  id: string;
  email?: string;
  realName?: string;
}

const BOT = { userId: 'UBOTPEGAMENTO', botId: 'BPEGAMENTO', teamId: 'TPEGAMENTO' };

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/** A form's fields, with the JSON-valued ones (blocks, attachments) parsed as the Web API client sends them. */
function parseArgs(body: string, contentType: string | undefined): Record<string, unknown> {
  if (!body) return {};
  if (contentType?.includes('application/json')) return JSON.parse(body) as Record<string, unknown>;
  const args: Record<string, unknown> = {};
  for (const [key, value] of new URLSearchParams(body)) {
    if (/^[[{]/.test(value)) {
      try {
        args[key] = JSON.parse(value);
        continue;
      } catch {
        // a text that starts with a bracket
      }
    }
    args[key] = value;
  }
  return args;
}

/**
 * A local server that speaks the part of the Slack Web API Pegamento uses, at
 * `<url>/api/<method>` (SLACK_API_URL = `<url>/api/`): auth.test, chat.postMessage,
 * chat.update, chat.delete, chat.postEphemeral, users.info; plus `<url>/respond/<id>` standing in for
 * an interaction's `response_url`. It records every call, hands out increasing message
 * `ts`, and can be told to throttle or fail a method's next calls. Only the far side is
 * fake: the requests come from @slack/web-api and Bolt.
 */
export class FakeSlackServer {
  readonly calls: FakeSlackCall[] = [];
  readonly users = new Map<string, FakeSlackUser>();
  readonly bot = BOT;
  private readonly failures: { method: string; match: (args: Record<string, unknown>) => boolean; failure: FakeSlackFailure }[] = [];
  private nextTs = 1_800_000_000_000_100;

  private constructor(
    private readonly server: Server,
    readonly url: string,
  ) {}

  static async start(): Promise<FakeSlackServer> {
    let fake: FakeSlackServer | null = null;
    const server = createServer((request, response) => {
      fake!.handle(request, response).catch(() => {
        response.writeHead(500);
        response.end();
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    fake = new FakeSlackServer(server, `http://127.0.0.1:${port}`);
    return fake;
  }

  /** SLACK_API_URL for the system under test. */
  get apiUrl(): string {
    return `${this.url}/api/`;
  }

  /** A response_url for an interaction payload. */
  responseUrl(id: string): string {
    return `${this.url}/respond/${id}`;
  }

  addUser(user: FakeSlackUser): void {
    this.users.set(user.id, user);
  }

  /** The next calls of `method` get these answers, in order, before it answers normally again. */
  failNext(method: string, ...failures: FakeSlackFailure[]): void {
    this.failNextWhere(method, () => true, ...failures);
  }

  /** As failNext, for the calls whose arguments match only (other calls of the method are answered normally). */
  failNextWhere(method: string, match: (args: Record<string, unknown>) => boolean, ...failures: FakeSlackFailure[]): void {
    this.failures.push(...failures.map((failure) => ({ method, match, failure })));
  }

  /** Calls of a method that Slack accepted (200). */
  accepted(method: string): FakeSlackCall[] {
    return this.calls.filter((c) => c.method === method && c.status === 200);
  }

  stop(): Promise<void> {
    return new Promise((resolve) => {
      this.server.closeAllConnections();
      this.server.close(() => resolve());
    });
  }

  private async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const body = await readBody(request);
    const path = new URL(request.url ?? '/', this.url).pathname;
    const args = parseArgs(body, request.headers['content-type']);
    if (path.startsWith('/respond/')) {
      // `responseId`: which interaction's response_url (the path's last part).
      this.record('response_url', { ...args, responseId: path.slice('/respond/'.length) }, 200);
      this.send(response, 200, { ok: true });
      return;
    }
    const method = path.replace(/^\/api\//, '');
    const index = this.failures.findIndex((f) => f.method === method && f.match(args));
    const failure = index >= 0 ? this.failures.splice(index, 1)[0]!.failure : undefined;
    if (failure) {
      this.record(method, args, failure.status);
      if (failure.status === 429) this.send(response, 429, { ok: false, error: 'ratelimited' }, { 'retry-after': String(failure.retryAfterSeconds) });
      else this.send(response, failure.status, { ok: false, error: 'internal_error' });
      return;
    }
    if (request.headers['authorization'] === undefined && method !== 'response_url') {
      this.record(method, args, 200);
      this.send(response, 200, { ok: false, error: 'not_authed' });
      return;
    }
    this.record(method, args, 200);
    this.send(response, 200, this.answer(method, args));
  }

  private answer(method: string, args: Record<string, unknown>): Record<string, unknown> {
    switch (method) {
      case 'auth.test':
        return { ok: true, user_id: BOT.userId, bot_id: BOT.botId, team_id: BOT.teamId, team: 'Pegamento test', user: 'pegamento' };
      case 'chat.postMessage': {
        this.nextTs += 100;
        const ts = `${String(this.nextTs).slice(0, 10)}.${String(this.nextTs).slice(10)}`;
        return { ok: true, channel: args['channel'], ts, message: { ts, text: args['text'], bot_id: BOT.botId } };
      }
      case 'chat.update':
        return { ok: true, channel: args['channel'], ts: args['ts'], text: args['text'] };
      case 'chat.delete':
        return { ok: true, channel: args['channel'], ts: args['ts'] };
      case 'chat.postEphemeral':
        return { ok: true, message_ts: `${Math.floor(Date.now() / 1_000)}.000001` };
      case 'users.info': {
        const user = this.users.get(String(args['user']));
        if (!user) return { ok: false, error: 'user_not_found' };
        return { ok: true, user: { id: user.id, real_name: user.realName ?? user.id, profile: { ...(user.email ? { email: user.email } : {}), real_name: user.realName ?? user.id } } };
      }
      default:
        return { ok: false, error: 'unknown_method' };
    }
  }

  private record(method: string, args: Record<string, unknown>, status: number): void {
    this.calls.push({ method, args, status, at: new Date() });
  }

  private send(response: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
    response.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers });
    response.end(JSON.stringify(body));
  }
}
