import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { openDatabase } from '@pegamento/util-db';
import { createTestDatabase, type TestDatabase } from '@pegamento/util-testing';
import { policyEntities, policyMigrations } from '../index';
import { AuditLogEntity } from './audit-log.entity';
import { verifyAuditChain } from './audit-chain';

const APPEND_ONLY = /audit_log is append-only/;

describe('evidence log: append-only and hash-chained (PostgreSQL)', () => {
  let db: TestDatabase;
  let ds: DataSource;

  beforeAll(async () => {
    db = await createTestDatabase();
    ds = await openDatabase({ url: db.url, applicationName: 'audit-chain-spec', entities: policyEntities, migrations: policyMigrations, poolSize: 8 });
  });
  afterAll(async () => {
    await ds?.destroy();
    await db?.drop();
  });

  /** The way the policy's consumer writes: the application never sets the chain columns. */
  async function record(tenantId: string, action: string, details: Record<string, unknown> = {}, reason: string | null = null): Promise<AuditLogEntity> {
    const eventId = randomUUID();
    await ds
      .createQueryBuilder()
      .insert()
      .into(AuditLogEntity)
      .values({ tenantId, conversationId: randomUUID(), eventId, action, actorType: 'system', actorId: null, reason, details: details as Record<string, never>, occurredAt: new Date() })
      .orIgnore()
      .execute();
    return ds.getRepository(AuditLogEntity).findOneByOrFail({ eventId });
  }

  /** Changes a row behind the triggers' back, as only a superuser could. */
  async function tamper(sql: string, parameters: unknown[]): Promise<void> {
    await ds.transaction(async (m) => {
      await m.query(`SET LOCAL session_replication_role = replica`);
      await m.query(sql, parameters);
    });
  }

  it('numbers and links each tenant’s rows, and a clean log verifies', async () => {
    const a1 = await record('chain-a', 'disclosure.shown', { version: 'v1' });
    const a2 = await record('chain-a', 'escalation.requested', { trigger: 'button' }, 'customer asked');
    const b1 = await record('chain-b', 'disclosure.shown');
    expect([a1.seq, a2.seq, b1.seq]).toEqual(['1', '2', '1']);
    expect(a1.prevHash).toBe('0'.repeat(64));
    expect(a2.prevHash).toBe(a1.hash);
    expect(b1.prevHash).toBe('0'.repeat(64));
    expect(a1.hash).toMatch(/^[0-9a-f]{64}$/);

    const report = await verifyAuditChain(ds);
    expect(report.problems).toEqual([]);
    expect(report.ok).toBe(true);
    expect(report.heads).toEqual(
      expect.arrayContaining([
        { tenantId: 'chain-a', rows: 2, headSeq: 2, headHash: a2.hash },
        { tenantId: 'chain-b', rows: 1, headSeq: 1, headHash: b1.hash },
      ]),
    );
  });

  it('keeps one gap-free chain when many rows of one tenant are written at once', async () => {
    await Promise.all(Array.from({ length: 24 }, (_, i) => record('chain-concurrent', `a.${i}`, { i })));
    const seqs = (await ds.query(`SELECT seq::int AS seq FROM audit_log WHERE tenant_id = 'chain-concurrent' ORDER BY seq`)) as { seq: number }[];
    expect(seqs.map((r) => r.seq)).toEqual(Array.from({ length: 24 }, (_, i) => i + 1));
    expect((await verifyAuditChain(ds, 'chain-concurrent')).ok).toBe(true);
  });

  it('refuses UPDATE, DELETE and TRUNCATE from the application', async () => {
    const row = await record('chain-guard', 'policy.decision', { rule: 'r1' }, 'original');
    await expect(ds.query(`UPDATE audit_log SET reason = 'rewritten' WHERE id = $1`, [row.id])).rejects.toThrow(APPEND_ONLY);
    await expect(ds.query(`UPDATE audit_log SET details = '{"rule":"r2"}' WHERE id = $1`, [row.id])).rejects.toThrow(APPEND_ONLY);
    await expect(ds.query(`UPDATE audit_log SET hash = repeat('f', 64) WHERE id = $1`, [row.id])).rejects.toThrow(APPEND_ONLY);
    // Emptying details together with any other change is refused too.
    await expect(ds.query(`UPDATE audit_log SET details = '{}', details_erased_at = now(), reason = NULL WHERE id = $1`, [row.id])).rejects.toThrow(APPEND_ONLY);
    await expect(ds.query(`DELETE FROM audit_log WHERE id = $1`, [row.id])).rejects.toThrow(APPEND_ONLY);
    await expect(ds.query(`TRUNCATE audit_log`)).rejects.toThrow(APPEND_ONLY);
    const kept = await ds.getRepository(AuditLogEntity).findOneByOrFail({ id: row.id });
    expect(kept.reason).toBe('original');
    expect(kept.details).toEqual({ rule: 'r1' });
  });

  it('lets retention and erasure empty details, and the chain still verifies', async () => {
    const row = await record('chain-erase', 'escalation.requested', { email: 'klant@example.test' });
    await record('chain-erase', 'handoff.answered');
    await ds.query(`UPDATE audit_log SET details = '{}', details_erased_at = now() WHERE id = $1`, [row.id]);
    const erased = await ds.getRepository(AuditLogEntity).findOneByOrFail({ id: row.id });
    expect(erased.details).toEqual({});
    expect(erased.detailsErasedAt).toBeInstanceOf(Date);
    expect((await verifyAuditChain(ds, 'chain-erase')).ok).toBe(true);
    // Once erased, details cannot be written again.
    await expect(ds.query(`UPDATE audit_log SET details = '{"x":1}' WHERE id = $1`, [row.id])).rejects.toThrow(APPEND_ONLY);
  });

  it('finds a changed field, changed details and a removed row', async () => {
    const rows = [];
    for (let i = 0; i < 5; i++) rows.push(await record('chain-tamper', `step.${i}`, { step: i }, `reason ${i}`));
    expect((await verifyAuditChain(ds, 'chain-tamper')).ok).toBe(true);

    await tamper(`UPDATE audit_log SET reason = 'nothing happened' WHERE id = $1`, [rows[1]!.id]);
    await tamper(`UPDATE audit_log SET details = '{"step": 99}' WHERE id = $1`, [rows[2]!.id]);
    await tamper(`DELETE FROM audit_log WHERE id = $1`, [rows[3]!.id]);

    const report = await verifyAuditChain(ds, 'chain-tamper');
    expect(report.ok).toBe(false);
    const found = report.problems.map((p) => `${p.seq}: ${p.problem}`);
    expect(found).toEqual(
      expect.arrayContaining([
        '2: the row was changed: its hash does not match',
        '3: details were changed',
        '5: expected row 4 here: rows are missing',
        '5: prev_hash is not the previous row\'s hash',
      ]),
    );
    expect(report.problems.every((p) => p.tenantId === 'chain-tamper')).toBe(true);
    // Other tenants' chains are untouched.
    expect((await verifyAuditChain(ds, 'chain-a')).ok).toBe(true);
  });

  it('a forged row with recomputed hashes still breaks the link to the next row', async () => {
    const rows = [];
    for (let i = 0; i < 3; i++) rows.push(await record('chain-forge', `step.${i}`));
    await tamper(`UPDATE audit_log SET action = 'forged' WHERE id = $1`, [rows[1]!.id]);
    await tamper(`UPDATE audit_log a SET hash = audit_log_row_hash(a) WHERE id = $1`, [rows[1]!.id]);
    // Row 2 is consistent in itself now, but row 3 was linked to its old hash.
    const report = await verifyAuditChain(ds, 'chain-forge');
    expect(report.problems.map((p) => `${p.seq}: ${p.problem}`)).toEqual(["3: prev_hash is not the previous row's hash"]);
  });
});

describe('evidence log: rows written before the chain existed', () => {
  it('are chained by the migration in their recorded order', async () => {
    const db = await createTestDatabase();
    const [first] = policyMigrations;
    const before = await openDatabase({ url: db.url, applicationName: 'audit-chain-upgrade', entities: [], migrations: [first!], poolSize: 2 });
    try {
      for (const [tenant, action] of [['old-a', 'one'], ['old-b', 'one'], ['old-a', 'two'], ['old-a', 'three']]) {
        await before.query(
          `INSERT INTO audit_log (tenant_id, action, actor_type, details, occurred_at, recorded_at) VALUES ($1, $2, 'system', '{"legacy": true}', now(), clock_timestamp())`,
          [tenant, action],
        );
      }
    } finally {
      await before.destroy();
    }
    const after = await openDatabase({ url: db.url, applicationName: 'audit-chain-upgrade', entities: policyEntities, migrations: policyMigrations, poolSize: 2 });
    try {
      const rows = (await after.query(`SELECT tenant_id, action, seq::int AS seq FROM audit_log ORDER BY tenant_id, seq`)) as { tenant_id: string; action: string; seq: number }[];
      expect(rows.map((r) => `${r.tenant_id}:${r.seq}:${r.action}`)).toEqual(['old-a:1:one', 'old-a:2:two', 'old-a:3:three', 'old-b:1:one']);
      expect((await verifyAuditChain(after)).ok).toBe(true);
      await after.query(`INSERT INTO audit_log (tenant_id, action, actor_type, occurred_at) VALUES ('old-a', 'four', 'system', now())`);
      const report = await verifyAuditChain(after, 'old-a');
      expect(report.ok).toBe(true);
      expect(report.heads[0]).toMatchObject({ tenantId: 'old-a', rows: 4, headSeq: 4 });
    } finally {
      await after.destroy();
      await db.drop();
    }
  });
});
