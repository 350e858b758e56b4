import * as http from 'node:http';
import * as https from 'node:https';
import type { Duplex } from 'node:stream';
import { Client } from '@hubspot/api-client';
import { FilterOperatorEnum } from '@hubspot/api-client/lib/codegen/crm/contacts';
import { AssociationSpecAssociationCategoryEnum } from '@hubspot/api-client/lib/codegen/crm/objects/notes';
import { crmFailure, type CrmCallOutcome } from '@pegamento/crm-sync-domain';
import { parseRetryAfter } from '@pegamento/util-http';

export interface HubSpotOptions {
  accessToken: string;
  /** HUBSPOT_API_BASE_URL (tests: a local server). */
  baseUrl: string;
  /** CRM_SYNC_TIMEOUT_MS: a call without an answer for this long fails (and is tried again later). */
  timeoutMs: number;
}

export interface HubSpotContactInput {
  email: string | null;
  phone: string | null;
  firstName: string | null;
  lastName: string | null;
}

/** HubSpot's own association type of a note to a contact (HUBSPOT_DEFINED 202). */
export const NOTE_TO_CONTACT_ASSOCIATION = 202;

interface SdkError {
  code?: unknown;
  body?: unknown;
  headers?: Record<string, string>;
  message?: unknown;
}

/** An agent whose sockets fail after `timeoutMs` without traffic: the SDK has no deadline of its own. */
function agentWithDeadline(baseUrl: string, timeoutMs: number): http.Agent {
  const Base = baseUrl.startsWith('https:') ? https.Agent : http.Agent;
  class DeadlineAgent extends Base {
    override createConnection(...args: Parameters<http.Agent['createConnection']>): Duplex {
      const socket = (super.createConnection as (...a: unknown[]) => Duplex & { setTimeout(ms: number, cb: () => void): void })(...args);
      socket.setTimeout(timeoutMs, () => socket.destroy(Object.assign(new Error(`no answer from HubSpot within ${timeoutMs} ms`), { code: 'ETIMEDOUT' })));
      return socket;
    }
  }
  return new DeadlineAgent({ keepAlive: false });
}

/**
 * Pegamento's HubSpot adapter, through HubSpot's official Node SDK (`@hubspot/api-client`,
 * private-app access token): find or create the contact, add the transcript as a note
 * associated with it, and, for an erasure, delete the notes and GDPR-delete the contacts
 * Pegamento created. Never throws: every call says what happened, and the crm-sync queue
 * decides about retries (the SDK's own retries are off).
 */
export class HubSpotCrm {
  private readonly client: Client;

  constructor(options: HubSpotOptions) {
    this.client = new Client({
      accessToken: options.accessToken,
      basePath: options.baseUrl.replace(/\/+$/, ''),
      numberOfApiCallRetries: 0,
      httpAgent: agentWithDeadline(options.baseUrl, options.timeoutMs),
    });
  }

  /** The contact with this e-mail address (else this phone number), or a new one; `created` says which. */
  async findOrCreateContact(input: HubSpotContactInput): Promise<CrmCallOutcome<{ id: string; created: boolean }>> {
    for (const [property, value] of [
      ['email', input.email],
      ['phone', input.phone],
    ] as const) {
      if (!value) continue;
      const found = await this.call(() =>
        this.client.crm.contacts.searchApi.doSearch({
          filterGroups: [{ filters: [{ propertyName: property, operator: FilterOperatorEnum.Eq, value }] }],
          properties: ['email', 'phone'],
          limit: 1,
        }),
      );
      if (found.kind === 'failed') return found;
      const id = found.value.results[0]?.id;
      if (id) return { kind: 'ok', value: { id, created: false } };
    }
    const properties: Record<string, string> = {};
    if (input.email) properties['email'] = input.email;
    if (input.phone) properties['phone'] = input.phone;
    if (input.firstName) properties['firstname'] = input.firstName;
    if (input.lastName) properties['lastname'] = input.lastName;
    const created = await this.call(() => this.client.crm.contacts.basicApi.create({ properties, associations: [] }));
    return created.kind === 'ok' ? { kind: 'ok', value: { id: created.value.id, created: true } } : created;
  }

  /** A note with this body (simple HTML) at this time, associated with the contact. */
  async addNote(contactId: string, bodyHtml: string, timestamp: string): Promise<CrmCallOutcome<{ id: string }>> {
    const note = await this.call(() =>
      this.client.crm.objects.notes.basicApi.create({
        properties: { hs_note_body: bodyHtml, hs_timestamp: timestamp },
        associations: [{ to: { id: contactId }, types: [{ associationCategory: AssociationSpecAssociationCategoryEnum.HubspotDefined, associationTypeId: NOTE_TO_CONTACT_ASSOCIATION }] }],
      }),
    );
    return note.kind === 'ok' ? { kind: 'ok', value: { id: note.value.id } } : note;
  }

  /** Deletes a note (HubSpot: archive); one that is gone already counts as deleted. */
  async deleteNote(noteId: string): Promise<CrmCallOutcome<void>> {
    return this.gone(await this.call(() => this.client.crm.objects.notes.basicApi.archive(noteId)));
  }

  /** GDPR-deletes a contact (permanently, with its e-mail blocked from re-creation); one that is gone counts as deleted. */
  async purgeContact(contactId: string): Promise<CrmCallOutcome<void>> {
    return this.gone(await this.call(() => this.client.crm.contacts.basicApi.purge({ objectId: contactId })));
  }

  private gone(outcome: CrmCallOutcome<unknown>): CrmCallOutcome<void> {
    if (outcome.kind === 'ok' || outcome.httpStatus === 404) return { kind: 'ok', value: undefined };
    return outcome;
  }

  private async call<T>(request: () => Promise<T>): Promise<CrmCallOutcome<T>> {
    try {
      return { kind: 'ok', value: await request() };
    } catch (error) {
      const e = error as SdkError;
      const status = typeof e.code === 'number' && e.code >= 100 ? e.code : null;
      if (status === null) {
        const code = typeof e.code === 'string' ? e.code : 'network_error';
        return crmFailure(null, code, typeof e.message === 'string' ? e.message : 'HubSpot did not answer.');
      }
      const body = parseBody(e.body);
      return crmFailure(status, body.category ?? null, body.message ?? `HubSpot answered HTTP ${status}.`, parseRetryAfter(e.headers?.['retry-after']));
    }
  }
}

/** HubSpot's error JSON ({status, message, category, correlationId}), as the SDK hands it over (parsed or as text). */
function parseBody(body: unknown): { message?: string; category?: string } {
  let value: unknown = body;
  if (typeof body === 'string') {
    try {
      value = JSON.parse(body) as unknown;
    } catch {
      return { message: body.slice(0, 500) };
    }
  }
  if (!value || typeof value !== 'object') return {};
  const { message, category } = value as Record<string, unknown>;
  return { ...(typeof message === 'string' ? { message } : {}), ...(typeof category === 'string' ? { category } : {}) };
}
