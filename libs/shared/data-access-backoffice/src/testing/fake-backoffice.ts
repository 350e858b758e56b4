import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * An organisation's back office answering `GET /customers/context?email=&phone=` with the
 * customer's orders and contracts (what `seed` put there), 404 for unknown customers; it
 * checks the Bearer token when given one, and can be told to fail, hang, or answer junk.
 */
export class FakeBackoffice {
  readonly requests: { query: URLSearchParams; authorization: string | undefined }[] = [];
  private readonly contexts = new Map<string, unknown>();
  private next: { status?: number; hang?: boolean; raw?: string } | null = null;

  private constructor(
    private readonly server: Server,
    readonly url: string,
    private readonly token: string | null,
  ) {}

  static async start(options: { token?: string } = {}): Promise<FakeBackoffice> {
    let fake: FakeBackoffice | null = null;
    const server = createServer((request, response) => fake!.handle(request, response));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    fake = new FakeBackoffice(server, `http://127.0.0.1:${(server.address() as AddressInfo).port}/api`, options.token ?? null);
    return fake;
  }

  /** What it answers for this e-mail address or phone number. */
  seed(key: string, context: unknown): void {
    this.contexts.set(key.toLowerCase(), context);
  }

  /** The next request gets this instead. */
  answerNext(answer: { status?: number; hang?: boolean; raw?: string }): void {
    this.next = answer;
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private handle(request: IncomingMessage, response: ServerResponse): void {
    const url = new URL(request.url ?? '/', this.url);
    this.requests.push({ query: url.searchParams, authorization: request.headers.authorization });
    const next = this.next;
    this.next = null;
    if (next?.hang) return;
    if (this.token && request.headers.authorization !== `Bearer ${this.token}`) return this.send(response, 401, { error: 'unauthorized' });
    if (url.pathname !== '/api/customers/context') return this.send(response, 404, { error: 'no such route' });
    if (next?.status) return this.send(response, next.status, { error: 'failure' });
    if (next?.raw !== undefined) {
      response.writeHead(200, { 'content-type': 'application/json' });
      return void response.end(next.raw);
    }
    const key = (url.searchParams.get('email') ?? url.searchParams.get('phone') ?? '').toLowerCase();
    const context = this.contexts.get(key) ?? (url.searchParams.get('phone') ? this.contexts.get(url.searchParams.get('phone')!.toLowerCase()) : undefined);
    if (context === undefined) return this.send(response, 404, { error: 'unknown customer' });
    this.send(response, 200, context);
  }

  private send(response: ServerResponse, status: number, body: unknown): void {
    response.writeHead(status, { 'content-type': 'application/json' });
    response.end(JSON.stringify(body));
  }
}
