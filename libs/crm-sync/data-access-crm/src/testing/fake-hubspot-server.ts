import { randomInt } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface FakeHubSpotContact {
  id: string;
  properties: Record<string, string>;
}

export interface FakeHubSpotNote {
  id: string;
  body: string;
  timestamp: string;
  /** Contact ids it is associated with (type 202). */
  contactIds: string[];
}

/** Every request it answered: method, path, status. */
export interface FakeHubSpotRequest {
  method: string;
  path: string;
  status: number;
}

export type FakeHubSpotFailure =
  | { status: 429; retryAfterSeconds?: number }
  | { status: 400 | 401 | 403 | 404 | 409 | 500 | 502 | 503; message?: string }
  | { hang: true }
  /** Answers normally, but only after this long: a slow HubSpot. */
  | { delayMs: number };

async function readJson(request: IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  return text ? (JSON.parse(text) as Record<string, unknown>) : {};
}

/**
 * A local server that speaks the part of HubSpot's CRM v3 API Pegamento uses, with a
 * private-app Bearer token: contacts search (EQ on a property), create, GDPR delete
 * (`POST /crm/v3/objects/contacts/gdpr-delete`), notes create with associations and
 * archive (`DELETE /crm/v3/objects/notes/{id}`); HubSpot's error JSON
 * (`{status, message, category, correlationId}`). Tests make it throttle (429 with
 * Retry-After), fail, or hang. Only the far side is fake: the requests come from the real
 * `@hubspot/api-client` SDK.
 */
export class FakeHubSpotServer {
  readonly contacts = new Map<string, FakeHubSpotContact>();
  readonly notes = new Map<string, FakeHubSpotNote>();
  /** Contact ids GDPR-deleted, in order. */
  readonly purged: string[] = [];
  readonly requests: FakeHubSpotRequest[] = [];
  private readonly failures: FakeHubSpotFailure[] = [];
  private readonly hanging = new Set<ServerResponse>();

  private constructor(
    private readonly server: Server,
    readonly url: string,
    private readonly token: string,
  ) {}

  static async start(options: { accessToken: string }): Promise<FakeHubSpotServer> {
    let fake: FakeHubSpotServer | null = null;
    const server = createServer((request, response) => {
      fake!.handle(request, response).catch(() => fake!.error(response, 500, 'Internal error', 'INTERNAL'));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    fake = new FakeHubSpotServer(server, `http://127.0.0.1:${(server.address() as AddressInfo).port}`, options.accessToken);
    return fake;
  }

  /** The next requests get these answers, in order. */
  failNext(...failures: FakeHubSpotFailure[]): void {
    this.failures.push(...failures);
  }

  /** A contact that was in HubSpot before Pegamento (an erasure leaves it). */
  seedContact(properties: Record<string, string>): string {
    const id = String(randomInt(100_000, 999_999_999));
    this.contacts.set(id, { id, properties: { ...properties } });
    return id;
  }

  /** Notes associated with a contact. */
  notesOf(contactId: string): FakeHubSpotNote[] {
    return [...this.notes.values()].filter((n) => n.contactIds.includes(contactId));
  }

  async stop(): Promise<void> {
    for (const r of this.hanging) r.destroy();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private json(response: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
    response.writeHead(status, { 'content-type': 'application/json;charset=utf-8', ...headers });
    response.end(JSON.stringify(body));
  }

  private error(response: ServerResponse, status: number, message: string, category: string, headers: Record<string, string> = {}): void {
    this.json(response, status, { status: 'error', message, category, correlationId: '00000000-0000-4000-8000-000000000000' }, headers);
  }

  private async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const path = new URL(request.url ?? '/', this.url).pathname;
    const method = request.method ?? 'GET';
    const record = (status: number) => this.requests.push({ method, path, status });
    if (request.headers.authorization !== `Bearer ${this.token}`) {
      record(401);
      return this.error(response, 401, 'Authentication credentials not found.', 'INVALID_AUTHENTICATION');
    }
    let failure = this.failures.shift();
    if (failure && 'delayMs' in failure) {
      await new Promise((resolve) => setTimeout(resolve, failure && 'delayMs' in failure ? failure.delayMs : 0));
      failure = undefined;
    }
    if (failure) {
      if ('hang' in failure) {
        record(0);
        this.hanging.add(response);
        return;
      }
      record(failure.status);
      const headers: Record<string, string> = failure.status === 429 && failure.retryAfterSeconds !== undefined ? { 'retry-after': String(failure.retryAfterSeconds) } : {};
      return this.error(response, failure.status, ('message' in failure && failure.message) || `HTTP ${failure.status}`, failure.status === 429 ? 'RATE_LIMITS' : 'ERROR', headers);
    }
    const body = method === 'POST' || method === 'PATCH' ? await readJson(request) : {};
    const now = new Date().toISOString();
    if (method === 'POST' && path === '/crm/v3/objects/contacts/search') {
      const filter = ((body['filterGroups'] as { filters: { propertyName: string; operator: string; value: string }[] }[]) ?? [])[0]?.filters[0];
      const hit = filter && filter.operator === 'EQ' ? [...this.contacts.values()].find((c) => (c.properties[filter.propertyName] ?? '').toLowerCase() === filter.value.toLowerCase()) : undefined;
      record(200);
      return this.json(response, 200, { total: hit ? 1 : 0, results: hit ? [{ id: hit.id, properties: hit.properties, createdAt: now, updatedAt: now, archived: false }] : [] });
    }
    if (method === 'POST' && path === '/crm/v3/objects/contacts') {
      const properties = (body['properties'] ?? {}) as Record<string, string>;
      const email = properties['email']?.toLowerCase();
      if (email && [...this.contacts.values()].some((c) => c.properties['email']?.toLowerCase() === email)) {
        record(409);
        return this.error(response, 409, `Contact already exists. Existing ID: 1`, 'CONFLICT');
      }
      const id = this.seedContact(properties);
      record(201);
      return this.json(response, 201, { id, properties, createdAt: now, updatedAt: now, archived: false });
    }
    if (method === 'POST' && path === '/crm/v3/objects/contacts/gdpr-delete') {
      const id = String(body['objectId'] ?? '');
      if (!this.contacts.delete(id)) {
        record(404);
        return this.error(response, 404, 'resource not found', 'OBJECT_NOT_FOUND');
      }
      this.purged.push(id);
      record(204);
      response.writeHead(204);
      return void response.end();
    }
    if (method === 'POST' && path === '/crm/v3/objects/notes') {
      const properties = (body['properties'] ?? {}) as Record<string, string>;
      const associations = (body['associations'] ?? []) as { to: { id: string }; types: { associationCategory: string; associationTypeId: number }[] }[];
      const contactIds = associations.filter((a) => a.types.some((t) => t.associationCategory === 'HUBSPOT_DEFINED' && t.associationTypeId === 202)).map((a) => a.to.id);
      if (contactIds.some((c) => !this.contacts.has(c)) || !properties['hs_timestamp']) {
        record(400);
        return this.error(response, 400, 'One or more associations are invalid, or hs_timestamp is missing', 'VALIDATION_ERROR');
      }
      const id = String(randomInt(100_000, 999_999_999));
      this.notes.set(id, { id, body: properties['hs_note_body'] ?? '', timestamp: properties['hs_timestamp'], contactIds });
      record(201);
      return this.json(response, 201, { id, properties, createdAt: now, updatedAt: now, archived: false });
    }
    const note = /^\/crm\/v3\/objects\/notes\/(\d+)$/.exec(path);
    if (method === 'DELETE' && note) {
      // HubSpot answers 204 for an id it does not have too.
      this.notes.delete(note[1]!);
      record(204);
      response.writeHead(204);
      return void response.end();
    }
    record(404);
    return this.error(response, 404, `No route for ${method} ${path}`, 'OBJECT_NOT_FOUND');
  }
}
