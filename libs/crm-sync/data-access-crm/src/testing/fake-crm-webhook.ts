import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { CRM_SIGNATURE_HEADER, verifyCrmWebhook } from '@pegamento/crm-sync-domain';

/** A POST the receiver got: its body, headers, whether the signature verified, and the answer. */
export interface FakeCrmDelivery {
  at: Date;
  body: Record<string, unknown>;
  raw: string;
  headers: Record<string, string | string[] | undefined>;
  signatureValid: boolean;
  status: number;
}

/**
 * A CRM or back office receiving Pegamento's signed webhook: it checks X-Pegamento-Signature
 * with the shared secret, as a receiver must (401 when it does not verify), records every
 * POST, and can be told to fail (status codes) or hang.
 */
export class FakeCrmWebhook {
  readonly deliveries: FakeCrmDelivery[] = [];
  private readonly failures: (number | 'hang')[] = [];
  private readonly hanging = new Set<ServerResponse>();

  private constructor(
    private readonly server: Server,
    readonly url: string,
    private readonly secret: string,
  ) {}

  static async start(options: { secret: string }): Promise<FakeCrmWebhook> {
    let fake: FakeCrmWebhook | null = null;
    const server = createServer((request, response) => void fake!.handle(request, response));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    fake = new FakeCrmWebhook(server, `http://127.0.0.1:${(server.address() as AddressInfo).port}/pegamento/events`, options.secret);
    return fake;
  }

  /** The next POSTs get these statuses (or hang), in order. */
  failNext(...failures: (number | 'hang')[]): void {
    this.failures.push(...failures);
  }

  /** Accepted deliveries of one type. */
  accepted(type: string): FakeCrmDelivery[] {
    return this.deliveries.filter((d) => d.status === 204 && d.body['type'] === type);
  }

  async stop(): Promise<void> {
    for (const r of this.hanging) r.destroy();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks).toString('utf8');
    const signatureValid = verifyCrmWebhook(this.secret, request.headers[CRM_SIGNATURE_HEADER] as string | undefined, raw, Math.floor(Date.now() / 1_000));
    let body: Record<string, unknown> = {};
    try {
      body = JSON.parse(raw) as Record<string, unknown>;
    } catch {
      // recorded as it came
    }
    const failure = this.failures.shift();
    const record = (status: number) => this.deliveries.push({ at: new Date(), body, raw, headers: request.headers, signatureValid, status });
    if (failure === 'hang') {
      record(0);
      this.hanging.add(response);
      return;
    }
    const status = !signatureValid ? 401 : (failure ?? 204);
    record(status);
    response.writeHead(status, status === 429 ? { 'retry-after': '1' } : {});
    response.end();
  }
}
