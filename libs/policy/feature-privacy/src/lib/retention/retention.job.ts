import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { createEvent } from '@pegamento/contracts';
import { appendToOutbox } from '@pegamento/data-access-bus';
import { RetentionRunEntity } from '@pegamento/policy-data-access';
import { parseTenantSettings } from '@pegamento/shared-domain';
import { addCounts, affectedRows, eraseContacts, eraseConversations, type ErasureCounts } from '../erasure/erase-stores';
import { PRIVACY_CONFIG, type PrivacyConfig } from '../privacy.config';

const DAY_MS = 86_400_000;
/** One retention run at a time across every replica of the policy service. */
const RETENTION_LOCK = 'pegamento.retention';

export interface RetentionRunView {
  id: string;
  tenantId: string;
  retentionDays: number;
  cutoff: string;
  startedAt: string;
  finishedAt: string;
  erased: Record<string, number>;
}

const toView = (r: RetentionRunEntity): RetentionRunView => ({
  id: r.id,
  tenantId: r.tenantId,
  retentionDays: r.retentionDays,
  cutoff: r.cutoff.toISOString(),
  startedAt: r.startedAt.toISOString(),
  finishedAt: r.finishedAt.toISOString(),
  erased: r.erased,
});

/**
 * The retention job (R19): for each tenant, erases conversations whose last activity is
 * older than its retention (tenant setting `retentionDays`, else RETENTION_DAYS), contacts
 * no conversation refers to any more and that were not updated within it, the details of
 * older evidence rows, and older dead letters and inbox records; then writes a proof
 * record (retention_runs) and an evidence row with the counts. Runs every
 * RETENTION_INTERVAL_MS on one replica at a time (advisory lock); admins can run it now.
 */
@Injectable()
export class RetentionJob implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(RetentionJob.name);
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<RetentionRunView[]> | null = null;

  constructor(
    @Inject(DataSource) private readonly dataSource: DataSource,
    @Inject(PRIVACY_CONFIG) private readonly config: PrivacyConfig,
  ) {}

  onApplicationBootstrap(): void {
    if (this.config.RETENTION_INTERVAL_MS <= 0) return;
    this.timer = setInterval(() => {
      this.runAll().catch((error: unknown) => this.logger.error(`retention run failed: ${String(error)}`));
    }, this.config.RETENTION_INTERVAL_MS);
    this.timer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.running?.catch(() => undefined);
  }

  /**
   * Runs retention for every tenant (or one); returns the proof records written. Returns
   * none when a run is already going here or on another replica (an admin's "run now" then
   * gets 409, never another run's records).
   */
  runAll(onlyTenant?: string): Promise<RetentionRunView[]> {
    if (this.running) return Promise.resolve([]);
    const run = this.runLocked(onlyTenant).finally(() => {
      this.running = null;
    });
    this.running = run;
    return run;
  }

  async lastRuns(tenantId: string, limit: number): Promise<RetentionRunView[]> {
    const runs = await this.dataSource.getRepository(RetentionRunEntity).find({ where: { tenantId }, order: { startedAt: 'DESC' }, take: limit });
    return runs.map(toView);
  }

  private async runLocked(onlyTenant: string | undefined): Promise<RetentionRunView[]> {
    const runner = this.dataSource.createQueryRunner();
    await runner.connect();
    try {
      const [{ locked }] = (await runner.query(`SELECT pg_try_advisory_lock(hashtextextended($1, 0)) AS locked`, [RETENTION_LOCK])) as [{ locked: boolean }];
      if (!locked) return [];
      try {
        const tenants = (await this.dataSource.query(`SELECT id, settings FROM tenants WHERE $1::text IS NULL OR id = $1 ORDER BY id`, [onlyTenant ?? null])) as { id: string; settings: unknown }[];
        const runs: RetentionRunView[] = [];
        for (const tenant of tenants) {
          const days = parseTenantSettings(tenant.settings).retentionDays ?? this.config.RETENTION_DAYS;
          runs.push(await this.runTenant(tenant.id, days));
        }
        if (!onlyTenant) {
          // Handled-event ids hold no personal data; they only need to outlive redelivery.
          await this.dataSource.query(`DELETE FROM inbox WHERE handled_at < $1`, [new Date(Date.now() - this.config.RETENTION_DAYS * DAY_MS)]);
        }
        return runs;
      } finally {
        await runner.query(`SELECT pg_advisory_unlock(hashtextextended($1, 0))`, [RETENTION_LOCK]);
      }
    } finally {
      await runner.release();
    }
  }

  private async runTenant(tenantId: string, retentionDays: number): Promise<RetentionRunView> {
    const startedAt = new Date();
    const cutoff = new Date(startedAt.getTime() - retentionDays * DAY_MS);
    const erased: ErasureCounts = {};
    // Conversations in batches, each batch its own transaction.
    for (;;) {
      const batch = await this.dataSource.transaction(async (manager) => {
        const rows = (await manager.query(
          `SELECT id FROM conversations WHERE tenant_id = $1 AND updated_at < $2 ORDER BY updated_at LIMIT $3 FOR UPDATE SKIP LOCKED`,
          [tenantId, cutoff, this.config.RETENTION_BATCH_SIZE],
        )) as { id: string }[];
        addCounts(erased, await eraseConversations(manager, tenantId, rows.map((r) => r.id)));
        return rows.length;
      });
      if (batch < this.config.RETENTION_BATCH_SIZE) break;
    }
    const run = await this.dataSource.transaction(async (manager) => {
      addCounts(erased, await this.eraseOrphanContacts(manager, tenantId, cutoff));
      addCounts(erased, {
        'audit_log.details': await affectedRows(
          manager,
          `UPDATE audit_log SET details = '{}'::jsonb, details_erased_at = now()
            WHERE tenant_id = $1 AND occurred_at < $2 AND details_erased_at IS NULL RETURNING 1`,
          [tenantId, cutoff],
        ),
        dead_letters: await affectedRows(manager, `DELETE FROM dead_letters WHERE tenant_id = $1 AND dead_lettered_at < $2 RETURNING 1`, [tenantId, cutoff]),
      });
      const saved = await manager.getRepository(RetentionRunEntity).save(
        manager.getRepository(RetentionRunEntity).create({ tenantId, retentionDays, cutoff, startedAt, finishedAt: new Date(), erased }),
      );
      await appendToOutbox(manager, [
        createEvent('audit.recorded', {
          tenantId,
          conversationId: tenantId,
          payload: { action: 'retention.run', actor: { type: 'system', id: null }, reason: `retention of ${retentionDays} days`, details: { runId: saved.id, cutoff: cutoff.toISOString(), ...erased } },
        }),
      ]);
      return saved;
    });
    return toView(run);
  }

  /** Contacts no conversation refers to and not updated within the retention, with their addresses. */
  private async eraseOrphanContacts(manager: EntityManager, tenantId: string, cutoff: Date): Promise<ErasureCounts> {
    const orphans = (await manager.query(
      `SELECT c.id FROM contacts c
        WHERE c.tenant_id = $1 AND c.updated_at < $2
          AND NOT EXISTS (SELECT 1 FROM conversations v WHERE v.contact_id = c.id)
          AND NOT EXISTS (SELECT 1 FROM contact_channel_identities i JOIN conversations v ON v.channel_identity_id = i.id WHERE i.contact_id = c.id)`,
      [tenantId, cutoff],
    )) as { id: string }[];
    return eraseContacts(manager, tenantId, orphans.map((o) => o.id), []);
  }
}
