import { Inject, Injectable, Logger, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { createEvent, isUuid, type AnyEvent } from '@pegamento/contracts';
import { appendToOutbox } from '@pegamento/data-access-bus';
import { SendQueueLoop } from '@pegamento/data-access-conversations';
import {
  CrmRecordEntity,
  CrmSyncEntity,
  CrmWebhookSender,
  HubSpotCrm,
  type CrmAdapterName,
  type CrmErasureRefs,
  type CrmSyncKind,
} from '@pegamento/crm-sync-data-access-crm';
import { renderTranscriptHtml, splitName, type CrmCallOutcome, type CrmTranscript } from '@pegamento/crm-sync-domain';
import { nextRetryDelayMs } from '@pegamento/util-http';
import { CRM_SYNC_SETTINGS, type CrmSyncSettings } from '../crm-sync.config';
import { readTranscript } from './transcript-reader';

interface ClaimedSync {
  id: string;
  tenant_id: string;
  adapter: CrmAdapterName;
  kind: CrmSyncKind;
  conversation_id: string | null;
  refs: Partial<CrmErasureRefs> & { hubspotContactId?: string };
  attempts: number;
}

/** What Pegamento created at a CRM in one sync, to record (or, if the conversation was erased meanwhile, to delete again). */
interface Created {
  objectType: 'contact' | 'note' | 'delivery';
  externalId: string;
  createdByUs: boolean;
  contactId: string | null;
}

type Done = { outcome: 'ok'; created: Created[]; skipped?: string } | { outcome: 'failed'; failure: Extract<CrmCallOutcome<never>, { kind: 'failed' }> };

/**
 * The crm-sync queue's worker (ADR 0019). A closed conversation goes to each adapter that
 * is on: to HubSpot as a note with the transcript on the customer's contact (found by
 * e-mail, else phone, else created), to the CRM webhook as a signed `conversation.closed`
 * with the transcript. An erasure deletes at HubSpot the notes and the contacts Pegamento
 * created, and sends the webhook a `contact.erased` with Pegamento's ids. 429 (after its
 * Retry-After), 5xx and no answer are tried again with back-off from CRM_SYNC_RETRY_BASE_MS up
 * to CRM_SYNC_MAX_ATTEMPTS tries; then, or at another error, the sync is `failed` with the
 * reason. Every outcome is a `crm.synced` event and an evidence row. Texts are read from the
 * database when sent; the queue holds ids only. Replicas share the queue (SKIP LOCKED, a lease).
 */
@Injectable()
export class CrmSyncWorker implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(CrmSyncWorker.name);
  private readonly loop: SendQueueLoop;
  private readonly hubspot: HubSpotCrm | null;
  private readonly webhook: CrmWebhookSender | null;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(CRM_SYNC_SETTINGS) private readonly settings: CrmSyncSettings,
  ) {
    this.hubspot = settings.hubspot ? new HubSpotCrm({ ...settings.hubspot, timeoutMs: settings.timeoutMs }) : null;
    this.webhook = settings.webhook ? new CrmWebhookSender({ ...settings.webhook, timeoutMs: settings.timeoutMs }) : null;
    this.loop = new SendQueueLoop(() => this.tick(), settings.pollIntervalMs, (error) => this.logger.error({ err: error }, 'CRM sync queue tick failed'));
  }

  onApplicationBootstrap(): void {
    if (this.hubspot || this.webhook) this.loop.start();
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.loop.stop();
  }

  nudge(): void {
    this.loop.nudge();
  }

  /** Works what is due now; returns how many it tried. */
  async tick(): Promise<number> {
    const adapters = [...(this.hubspot ? ['hubspot'] : []), ...(this.webhook ? ['webhook'] : [])];
    if (adapters.length === 0) return 0;
    const [rows] = (await this.dataSource.query(
      `UPDATE crm_syncs SET attempts = attempts + 1, next_attempt_at = now() + ($1::bigint * interval '1 millisecond'), updated_at = now()
        WHERE id IN (
          SELECT id FROM crm_syncs WHERE status = 'pending' AND next_attempt_at <= now() AND adapter = ANY($2::text[])
           ORDER BY created_at LIMIT 8 FOR UPDATE SKIP LOCKED)
        RETURNING id, tenant_id, adapter, kind, conversation_id, refs, attempts`,
      [this.settings.leaseMs, adapters],
    )) as [ClaimedSync[], number];
    await Promise.all(rows.map((row) => this.work(row)));
    return rows.length;
  }

  private async work(row: ClaimedSync): Promise<void> {
    let done: Done;
    try {
      done = await this.run(row);
    } catch (error) {
      // The database, or something unexpected: tried again like no answer.
      done = { outcome: 'failed', failure: { kind: 'failed', httpStatus: null, code: 'internal', message: (error as Error).message, retryAfterMs: null, retryable: true } };
    }
    if (done.outcome === 'ok') await this.finish(row, done.created, done.skipped ?? null);
    else await this.fail(row, done.failure);
  }

  private async run(row: ClaimedSync): Promise<Done> {
    if (row.kind === 'erasure') return row.adapter === 'hubspot' ? this.eraseAtHubSpot(row) : this.eraseAtWebhook(row);
    const transcript = row.conversation_id
      ? await readTranscript(this.dataSource.manager, row.tenant_id, row.conversation_id, this.settings.transcriptMaxMessages)
      : null;
    if (!transcript) return { outcome: 'ok', created: [], skipped: 'the conversation was erased' };
    return row.adapter === 'hubspot' ? this.toHubSpot(row, transcript) : this.toWebhook(row, transcript);
  }

  private async toHubSpot(row: ClaimedSync, transcript: CrmTranscript): Promise<Done> {
    const contact = transcript.contact;
    if (!contact || (!contact.email && !contact.phone)) return { outcome: 'ok', created: [], skipped: 'no e-mail address or phone number to find the HubSpot contact by' };
    const created: Created[] = [];
    let hubspotId = row.refs.hubspotContactId ?? (await this.knownHubSpotContact(contact.id));
    if (!hubspotId) {
      const { firstName, lastName } = splitName(contact.displayName);
      const found = await this.hubspot!.findOrCreateContact({ email: contact.email, phone: contact.phone, firstName, lastName });
      if (found.kind === 'failed') return { outcome: 'failed', failure: found };
      hubspotId = found.value.id;
      // Kept at once: a retry after a failed note must not create the contact again.
      const kept = await this.keep(row, [{ objectType: 'contact', externalId: hubspotId, createdByUs: found.value.created, contactId: contact.id }], { hubspotContactId: hubspotId });
      if (!kept) return { outcome: 'ok', created: [], skipped: 'the conversation was erased' };
    }
    const note = await this.hubspot!.addNote(hubspotId, renderTranscriptHtml(transcript), transcript.closedAt);
    if (note.kind === 'failed') return { outcome: 'failed', failure: note };
    created.push({ objectType: 'note', externalId: note.value.id, createdByUs: true, contactId: contact.id });
    return { outcome: 'ok', created };
  }

  private async toWebhook(row: ClaimedSync, t: CrmTranscript): Promise<Done> {
    const sent = await this.webhook!.send({
      deliveryId: row.id,
      type: 'conversation.closed',
      body: {
        tenantId: t.tenantId,
        conversation: { id: t.conversationId, channel: t.channel, locale: t.locale, startedAt: t.startedAt, closedAt: t.closedAt },
        contact: t.contact,
        messages: t.messages,
        omittedMessages: t.omitted,
      },
    });
    if (sent.kind === 'failed') return { outcome: 'failed', failure: sent };
    return { outcome: 'ok', created: [{ objectType: 'delivery', externalId: row.id, createdByUs: true, contactId: t.contact?.id ?? null }] };
  }

  private async eraseAtHubSpot(row: ClaimedSync): Promise<Done> {
    // Notes first, then the contacts: each call counts "gone already" as done, so a retry repeats safely.
    for (const note of row.refs.notes ?? []) {
      const deleted = await this.hubspot!.deleteNote(note);
      if (deleted.kind === 'failed') return { outcome: 'failed', failure: deleted };
    }
    for (const contact of row.refs.contacts ?? []) {
      const purged = await this.hubspot!.purgeContact(contact);
      if (purged.kind === 'failed') return { outcome: 'failed', failure: purged };
    }
    return { outcome: 'ok', created: [] };
  }

  private async eraseAtWebhook(row: ClaimedSync): Promise<Done> {
    const sent = await this.webhook!.send({
      deliveryId: row.id,
      type: 'contact.erased',
      body: { tenantId: row.tenant_id, contactIds: row.refs.contactIds ?? [], conversationIds: row.refs.conversationIds ?? [] },
    });
    return sent.kind === 'failed' ? { outcome: 'failed', failure: sent } : { outcome: 'ok', created: [] };
  }

  private async knownHubSpotContact(contactId: string): Promise<string | null> {
    const record = await this.dataSource.getRepository(CrmRecordEntity).findOneBy({ adapter: 'hubspot', objectType: 'contact', contactId });
    return record?.externalId ?? null;
  }

  /**
   * Records what was created at the CRM, unless the conversation was erased while the call
   * was out: then what was created is queued for deletion at once (the erasure did not know
   * it yet) and false is returned.
   */
  private async keep(row: ClaimedSync, created: Created[], progress?: { hubspotContactId: string }): Promise<boolean> {
    return this.dataSource.transaction(async (manager) => {
      const alive = await this.conversationAlive(manager, row);
      if (!alive) {
        await this.queueErasureOf(manager, row, created);
        return false;
      }
      await this.record(manager, row, created);
      if (progress) await manager.query(`UPDATE crm_syncs SET refs = refs || $2::jsonb WHERE id = $1`, [row.id, JSON.stringify(progress)]);
      return true;
    });
  }

  private async finish(row: ClaimedSync, created: Created[], skipped: string | null): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      if (row.kind === 'transcript' && created.length > 0 && !(await this.conversationAlive(manager, row))) {
        await this.queueErasureOf(manager, row, created);
        skipped = 'the conversation was erased while it was sent; what was created is being deleted';
      } else {
        await this.record(manager, row, created);
      }
      await manager.getRepository(CrmSyncEntity).update({ id: row.id }, { status: 'done', lastError: skipped });
      const externalId = created.find((c) => c.objectType !== 'contact')?.externalId ?? null;
      await appendToOutbox(manager, this.outcomeEvents(row, 'ok', externalId, skipped));
    });
    if (skipped) this.logger.log({ syncId: row.id, adapter: row.adapter, kind: row.kind, reason: skipped }, 'CRM sync had nothing to send');
  }

  private async fail(row: ClaimedSync, failure: Extract<CrmCallOutcome<never>, { kind: 'failed' }>): Promise<void> {
    const delay = failure.retryable ? nextRetryDelayMs(row.attempts, this.settings.retry, failure.retryAfterMs) : null;
    const error = `${failure.httpStatus ?? 'no answer'}${failure.code ? ` ${failure.code}` : ''}: ${failure.message}`.slice(0, 1_000);
    if (delay !== null) {
      await this.dataSource.query(
        `UPDATE crm_syncs SET next_attempt_at = now() + ($2::bigint * interval '1 millisecond'), last_error = $3, updated_at = now() WHERE id = $1`,
        [row.id, delay, error],
      );
      return;
    }
    await this.dataSource.transaction(async (manager) => {
      await manager.getRepository(CrmSyncEntity).update({ id: row.id }, { status: 'failed', lastError: error });
      await appendToOutbox(manager, this.outcomeEvents(row, 'failed', null, error));
    });
    this.logger.warn({ syncId: row.id, adapter: row.adapter, kind: row.kind, attempts: row.attempts, error }, 'CRM sync failed for good');
  }

  private async conversationAlive(manager: EntityManager, row: ClaimedSync): Promise<boolean> {
    if (!row.conversation_id) return true;
    // FOR SHARE waits for an erasure that is deleting it right now.
    const rows = (await manager.query(`SELECT 1 FROM conversations WHERE id = $1 FOR SHARE`, [row.conversation_id])) as unknown[];
    return rows.length > 0;
  }

  private async record(manager: EntityManager, row: ClaimedSync, created: Created[]): Promise<void> {
    if (created.length === 0) return;
    await manager
      .createQueryBuilder()
      .insert()
      .into(CrmRecordEntity)
      .values(created.map((c) => ({ tenantId: row.tenant_id, adapter: row.adapter, objectType: c.objectType, externalId: c.externalId, createdByUs: c.createdByUs, contactId: c.contactId, conversationId: row.conversation_id })))
      .orIgnore()
      .execute();
  }

  private async queueErasureOf(manager: EntityManager, row: ClaimedSync, created: Created[]): Promise<void> {
    const refs: CrmErasureRefs = {
      contacts: created.filter((c) => c.objectType === 'contact' && c.createdByUs).map((c) => c.externalId),
      keptContacts: created.filter((c) => c.objectType === 'contact' && !c.createdByUs).map((c) => c.externalId),
      notes: created.filter((c) => c.objectType === 'note').map((c) => c.externalId),
      conversationIds: row.conversation_id ? [row.conversation_id] : [],
      contactIds: [...new Set(created.map((c) => c.contactId).filter((c): c is string => c !== null))],
    };
    await manager
      .createQueryBuilder()
      .insert()
      .into(CrmSyncEntity)
      .values({ tenantId: row.tenant_id, adapter: row.adapter, kind: 'erasure', sourceId: `late:${row.id}`, conversationId: null, refs })
      .orIgnore()
      .execute();
  }

  private outcomeEvents(row: ClaimedSync, outcome: 'ok' | 'failed', externalId: string | null, error: string | null): AnyEvent[] {
    const conversationId = row.conversation_id && isUuid(row.conversation_id) ? row.conversation_id : row.tenant_id;
    const entity = row.kind === 'erasure' ? 'erasure' : 'transcript';
    return [
      createEvent('crm.synced', { tenantId: row.tenant_id, conversationId, payload: { adapter: row.adapter, entity, externalId, outcome, error: error?.slice(0, 1_000) ?? null } }),
      createEvent('audit.recorded', {
        tenantId: row.tenant_id,
        conversationId,
        payload: {
          action: row.kind === 'erasure' ? 'crm.erased' : 'crm.synced',
          actor: { type: 'system', id: null },
          reason: error ? error.slice(0, 500) : null,
          details: { adapter: row.adapter, outcome, syncId: row.id, ...(externalId ? { externalId } : {}) },
        },
      }),
    ];
  }
}
