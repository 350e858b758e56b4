import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { countSegments } from '@pegamento/gateway-messaging-domain';

/** A message the fake accepted, as Twilio's Messages API received it. */
export interface FakeTwilioMessage {
  sid: string;
  to: string;
  from: string;
  body: string | null;
  contentSid: string | null;
  contentVariables: Record<string, string> | null;
  statusCallback: string | null;
  receivedAt: Date;
}

/** Every request the fake answered, accepted or not. */
export interface FakeTwilioRequest {
  at: Date;
  to: string | null;
  body: string | null;
  status: number;
}

/** A DELETE of a Message resource the fake answered: 204 (deleted), 404 (unknown or gone) or a failure. */
export interface FakeTwilioDeletion {
  at: Date;
  sid: string;
  status: number;
}

/** A request for a media file: at Twilio's media URL (answered by a redirect) or at the storage it redirects to. */
export interface FakeTwilioMediaRequest {
  at: Date;
  where: 'api' | 'storage';
  mediaSid: string;
  /** Whether the request carried an Authorization header. */
  authorized: boolean;
  range: string | null;
  status: number;
}

/** How the fake answers instead of accepting: Twilio's throttle, a server error, or a Twilio error code. */
export type FakeTwilioFailure =
  | { status: 429; retryAfterSeconds?: number }
  | { status: 500 | 502 | 503 }
  | { status: 400 | 403 | 404 | 409; code: number; message: string };

/** Twilio's answer to deleting a message it is still processing (error 20009). */
export const NOT_COMPLETE_YET: FakeTwilioFailure = { status: 409, code: 20009, message: 'Cannot delete this resource before it is complete' };

const json = (response: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) => {
  response.writeHead(status, { 'content-type': 'application/json', ...headers });
  response.end(JSON.stringify(body));
};

const twilioError = (status: number, code: number, message: string) => ({
  code,
  message,
  more_info: `https://www.twilio.com/docs/errors/${code}`,
  status,
});

function answerFailure(response: ServerResponse, failure: FakeTwilioFailure): void {
  if (failure.status === 429) {
    const headers: Record<string, string> = failure.retryAfterSeconds !== undefined ? { 'retry-after': String(failure.retryAfterSeconds) } : {};
    json(response, 429, twilioError(429, 20429, 'Too Many Requests'), headers);
  } else if ('code' in failure) {
    json(response, failure.status, twilioError(failure.status, failure.code, failure.message));
  } else {
    json(response, failure.status, twilioError(failure.status, 20500, 'Internal Server Error'));
  }
}

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/**
 * A local server that speaks the part of Twilio's REST API Pegamento uses:
 * `POST /2010-04-01/Accounts/{AccountSid}/Messages.json`, form-encoded, HTTP Basic
 * auth with the Account SID and Auth Token, answering 201 with a Message resource or
 * Twilio's error JSON (`{code, message, more_info, status}`); and
 * `DELETE /2010-04-01/Accounts/{AccountSid}/Messages/{Sid}.json`, answering 204 for a
 * message it holds (one it accepted, or an inbound one a test made it hold) and deleting
 * the message's media with it, as Twilio does, or 404 (20404) for one it does not hold;
 * and `GET /2010-04-01/Accounts/{AccountSid}/Messages/{Sid}/Media/{MediaSid}` (HTTP auth
 * enforced), answering 307 to a pre-signed URL on another origin (its "storage", a second
 * local server) that serves the file, honouring `Range`, as Twilio's media URLs do.
 * Tests tell it to throttle (429 with Retry-After), fail (5xx), or refuse a number with a
 * permanent error code (21610 unsubscribed, 63016 outside the WhatsApp window); deletes
 * get their own failures (`failNextDelete`, e.g. 20009 not complete yet). Only the far
 * side of the API is fake: the requests come from the real `twilio` SDK.
 */
export class FakeTwilioServer {
  readonly messages: FakeTwilioMessage[] = [];
  readonly requests: FakeTwilioRequest[] = [];
  /** Every DELETE of a message, answered or refused. */
  readonly deletions: FakeTwilioDeletion[] = [];
  /** The messages it holds now (SID → its media SIDs): accepted or inbound, and not deleted. */
  private readonly held = new Map<string, string[]>();
  /** Media SID → the file's size in bytes. */
  private readonly mediaBytes = new Map<string, number>();
  /** Every request for a media file, at the API and at the storage. */
  readonly mediaRequests: FakeTwilioMediaRequest[] = [];
  private readonly mediaFailures: number[] = [];
  private readonly queuedDeletes: FakeTwilioFailure[] = [];
  private readonly queued: FakeTwilioFailure[] = [];
  private readonly queuedFor = new Map<string, FakeTwilioFailure[]>();
  private readonly byRecipient = new Map<string, FakeTwilioFailure>();
  private always: FakeTwilioFailure | null = null;
  private delayMs = 0;

  private constructor(
    private readonly server: Server,
    private readonly storage: Server,
    readonly url: string,
    private readonly storageUrl: string,
    private readonly accountSid: string,
    private readonly authToken: string,
  ) {}

  static async start(options: { accountSid: string; authToken: string }): Promise<FakeTwilioServer> {
    let fake: FakeTwilioServer | null = null;
    const server = createServer((request, response) => {
      fake!.handle(request, response).catch(() => json(response, 500, twilioError(500, 20500, 'Internal Server Error')));
    });
    const storage = createServer((request, response) => fake!.serveStored(request, response));
    const listen = async (s: Server) => {
      await new Promise<void>((resolve) => s.listen(0, '127.0.0.1', resolve));
      return `http://127.0.0.1:${(s.address() as AddressInfo).port}`;
    };
    fake = new FakeTwilioServer(server, storage, await listen(server), await listen(storage), options.accountSid, options.authToken);
    return fake;
  }

  /** The next requests get these answers, in order, before it accepts again. */
  failNext(...failures: FakeTwilioFailure[]): void {
    this.queued.push(...failures);
  }

  /** The next requests to this address get these answers, in order, before it accepts again. */
  failNextFor(to: string, ...failures: FakeTwilioFailure[]): void {
    this.queuedFor.set(to, [...(this.queuedFor.get(to) ?? []), ...failures]);
  }

  /** Every request gets this answer until cleared with null. */
  failAlways(failure: FakeTwilioFailure | null): void {
    this.always = failure;
  }

  /** Every message to this address (`+316…` or `whatsapp:+316…`) gets this answer until cleared with null. */
  failFor(to: string, failure: FakeTwilioFailure | null): void {
    if (failure) this.byRecipient.set(to, failure);
    else this.byRecipient.delete(to);
  }

  /** Answers every request only after this many milliseconds (0: at once): a slow Twilio. */
  delayResponses(ms: number): void {
    this.delayMs = ms;
  }

  /** The next deletes get these answers, in order, before it deletes again. */
  failNextDelete(...failures: FakeTwilioFailure[]): void {
    this.queuedDeletes.push(...failures);
  }

  /**
   * Holds an inbound message, as Twilio does once it posted the webhook, with this many media
   * (ME…); returns the media's URLs as the webhook's MediaUrl{n} carries them.
   */
  holdInbound(sid: string, media = 0, bytes: readonly number[] = []): string[] {
    const mediaSids = Array.from({ length: media }, () => `ME${randomBytes(16).toString('hex')}`);
    this.held.set(sid, mediaSids);
    mediaSids.forEach((m, i) => this.mediaBytes.set(m, bytes[i] ?? 1_024 * (i + 1)));
    return mediaSids.map((m) => `https://api.twilio.com/2010-04-01/Accounts/${this.accountSid}/Messages/${sid}/Media/${m}`);
  }

  /** The next requests for media files at the API get these HTTP statuses, in order. */
  failNextMedia(...statuses: number[]): void {
    this.mediaFailures.push(...statuses);
  }

  /** Whether it still holds this message (not deleted), and its media. */
  holds(sid: string): { media: string[] } | null {
    const media = this.held.get(sid);
    return media ? { media: [...media] } : null;
  }

  /** Resolves once every one of these messages was deleted (204). */
  async waitForDeleted(sids: readonly string[], timeoutMs = 10_000): Promise<FakeTwilioDeletion[]> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const deleted = this.deletions.filter((d) => d.status === 204 && sids.includes(d.sid));
      if (sids.every((sid) => deleted.some((d) => d.sid === sid))) return deleted;
      if (Date.now() > deadline) {
        throw new Error(`Expected ${sids.length} message(s) deleted within ${timeoutMs} ms; deletes seen: ${JSON.stringify(this.deletions.map((d) => `${d.sid} ${d.status}`))}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  }

  /** Accepted messages to one address, oldest first. */
  to(address: string): FakeTwilioMessage[] {
    return this.messages.filter((m) => m.to === address);
  }

  /** Resolves once `count` messages to `address` were accepted. */
  async waitFor(address: string, count: number, timeoutMs = 10_000): Promise<FakeTwilioMessage[]> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = this.to(address);
      if (found.length >= count) return found;
      if (Date.now() > deadline) {
        throw new Error(`Expected ${count} message(s) to ${address} within ${timeoutMs} ms, got ${found.length}: ${JSON.stringify(found.map((m) => m.body))}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  }

  async stop(): Promise<void> {
    for (const server of [this.server, this.storage]) {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  }

  private async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const path = new URL(request.url ?? '/', this.url).pathname;
    const match = /^\/2010-04-01\/Accounts\/([^/]+)\/Messages\.json$/.exec(path);
    const one = /^\/2010-04-01\/Accounts\/([^/]+)\/Messages\/([^/]+)\.json$/.exec(path);
    const media = /^\/2010-04-01\/Accounts\/([^/]+)\/Messages\/([^/]+)\/Media\/([^/.]+)$/.exec(path);
    const account = request.method === 'POST' ? match?.[1] : request.method === 'DELETE' ? one?.[1] : request.method === 'GET' ? media?.[1] : undefined;
    if (account === undefined) {
      json(response, 404, twilioError(404, 20404, 'The requested resource was not found'));
      return;
    }
    const expected = `Basic ${Buffer.from(`${this.accountSid}:${this.authToken}`).toString('base64')}`;
    if (request.headers.authorization !== expected || account !== this.accountSid) {
      json(response, 401, twilioError(401, 20003, 'Authenticate'));
      return;
    }
    if (request.method === 'DELETE') return this.remove(response, one![2]!);
    if (request.method === 'GET') return this.redirectToMedia(request, response, media![2]!, media![3]!);
    if (!String(request.headers['content-type'] ?? '').startsWith('application/x-www-form-urlencoded')) {
      json(response, 400, twilioError(400, 20001, 'Expected a form-encoded body'));
      return;
    }
    const form = new URLSearchParams(await readBody(request));
    if (this.delayMs > 0) await new Promise((resolve) => setTimeout(resolve, this.delayMs));
    const to = form.get('To');
    const from = form.get('From');
    const body = form.get('Body');
    const contentSid = form.get('ContentSid');
    const record = (status: number) => this.requests.push({ at: new Date(), to, body, status });

    const failure = (to ? this.queuedFor.get(to)?.shift() : undefined) ?? this.queued.shift() ?? (to ? this.byRecipient.get(to) : undefined) ?? this.always;
    if (failure) {
      record(failure.status);
      answerFailure(response, failure);
      return;
    }
    if (!to) return this.refuse(response, record, 21604, "A 'To' phone number is required.");
    if (!from) return this.refuse(response, record, 21603, "A 'From' phone number is required.");
    if (!body && !contentSid) return this.refuse(response, record, 21602, 'Message body is required.');
    if (body && [...body].length > 1_600) return this.refuse(response, record, 21617, 'The concatenated message body exceeds the 1600 character limit.');
    if (from.startsWith('whatsapp:') !== to.startsWith('whatsapp:')) {
      return this.refuse(response, record, 63007, 'Twilio could not find a Channel with the specified From address');
    }

    record(201);
    const sid = `${contentSid ? 'MM' : 'SM'}${randomBytes(16).toString('hex')}`;
    this.held.set(sid, []);
    const variables = form.get('ContentVariables');
    this.messages.push({
      sid,
      to,
      from,
      body,
      contentSid,
      contentVariables: variables ? (JSON.parse(variables) as Record<string, string>) : null,
      statusCallback: form.get('StatusCallback'),
      receivedAt: new Date(),
    });
    const now = new Date().toUTCString();
    json(response, 201, {
      sid,
      account_sid: this.accountSid,
      api_version: '2010-04-01',
      to,
      from,
      body: body ?? '',
      status: 'queued',
      direction: 'outbound-api',
      num_segments: String(body ? countSegments(body).segments : 1),
      num_media: '0',
      error_code: null,
      error_message: null,
      price: null,
      price_unit: 'USD',
      messaging_service_sid: null,
      date_created: now,
      date_updated: now,
      date_sent: null,
      uri: `/2010-04-01/Accounts/${this.accountSid}/Messages/${sid}.json`,
      subresource_uris: { media: `/2010-04-01/Accounts/${this.accountSid}/Messages/${sid}/Media.json` },
    });
  }

  /** DELETE of a Message: 204 and gone with its media, 404 when it holds no such message, or the queued failure. */
  private async remove(response: ServerResponse, sid: string): Promise<void> {
    if (this.delayMs > 0) await new Promise((resolve) => setTimeout(resolve, this.delayMs));
    const failure = this.queuedDeletes.shift() ?? this.always;
    const record = (status: number) => this.deletions.push({ at: new Date(), sid, status });
    if (failure) {
      record(failure.status);
      answerFailure(response, failure);
      return;
    }
    if (!this.held.delete(sid)) {
      record(404);
      json(response, 404, twilioError(404, 20404, `The requested resource /2010-04-01/Accounts/${this.accountSid}/Messages/${sid}.json was not found`));
      return;
    }
    record(204);
    response.writeHead(204);
    response.end();
  }

  /** A media URL: 307 to the file's pre-signed storage URL (another origin), 404 once its message is deleted. */
  private redirectToMedia(request: IncomingMessage, response: ServerResponse, messageSid: string, mediaSid: string): void {
    const record = (status: number) =>
      this.mediaRequests.push({ at: new Date(), where: 'api', mediaSid, authorized: Boolean(request.headers.authorization), range: request.headers.range ?? null, status });
    const failure = this.mediaFailures.shift();
    if (failure) {
      record(failure);
      json(response, failure, twilioError(failure, 20500, 'Internal Server Error'));
      return;
    }
    if (!this.held.get(messageSid)?.includes(mediaSid)) {
      record(404);
      json(response, 404, twilioError(404, 20404, 'The requested resource was not found'));
      return;
    }
    record(307);
    response.writeHead(307, { location: `${this.storageUrl}/media/${mediaSid}?Expires=${Date.now() + 60_000}&Signature=${randomBytes(8).toString('hex')}` });
    response.end();
  }

  /** The storage behind the media URLs: serves the file (zeros of its size), or one byte range of it; refuses an Authorization header. */
  private serveStored(request: IncomingMessage, response: ServerResponse): void {
    const url = new URL(request.url ?? '/', this.storageUrl);
    const mediaSid = /^\/media\/(ME[0-9a-f]{32})$/.exec(url.pathname)?.[1] ?? '';
    const range = request.headers.range ?? null;
    const answer = (status: number, headers: Record<string, string>, body: Buffer | string) => {
      this.mediaRequests.push({ at: new Date(), where: 'storage', mediaSid, authorized: Boolean(request.headers.authorization), range, status });
      response.writeHead(status, headers);
      response.end(body);
    };
    const size = this.mediaBytes.get(mediaSid);
    // Pre-signed storage rejects a second form of authentication, as S3 does.
    if (request.headers.authorization) return answer(400, { 'content-type': 'text/plain' }, 'Only one auth mechanism allowed');
    if (size === undefined || !url.searchParams.get('Signature')) return answer(404, { 'content-type': 'text/plain' }, 'NoSuchKey');
    const bytes = /^bytes=(\d+)-(\d+)$/.exec(range ?? '');
    if (bytes) {
      const start = Number(bytes[1]);
      const end = Math.min(Number(bytes[2]), size - 1);
      if (start >= size) return answer(416, { 'content-range': `bytes */${size}` }, '');
      return answer(206, { 'content-type': 'image/jpeg', 'content-range': `bytes ${start}-${end}/${size}` }, Buffer.alloc(end - start + 1));
    }
    answer(200, { 'content-type': 'image/jpeg', 'content-length': String(size) }, Buffer.alloc(size));
  }

  private refuse(response: ServerResponse, record: (status: number) => void, code: number, message: string): void {
    record(400);
    json(response, 400, twilioError(400, code, message));
  }
}
