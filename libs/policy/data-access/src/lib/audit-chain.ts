/** What verifying needs of a database: a DataSource, an EntityManager or a QueryRunner. */
export interface Queryable {
  query(sql: string, parameters?: unknown[]): Promise<unknown>;
}

/** A row that does not fit its tenant's chain. */
export interface AuditChainProblem {
  tenantId: string;
  seq: number;
  rowId: string;
  problem: string;
}

/** The last link of a tenant's chain: record it elsewhere to detect a cut-off tail later. */
export interface AuditChainHead {
  tenantId: string;
  rows: number;
  headSeq: number;
  headHash: string;
}

export interface AuditChainReport {
  ok: boolean;
  heads: AuditChainHead[];
  problems: AuditChainProblem[];
}

/**
 * Recomputes every hash of the evidence log's chains (one per tenant, or only `tenantId`'s)
 * in the database (`audit_log_verify`, the same SQL that wrote them) and reports each row
 * that was changed, removed or put out of order, and each chain's head.
 */
export async function verifyAuditChain(db: Queryable, tenantId?: string): Promise<AuditChainReport> {
  const problems = (await db.query(
    `SELECT chain_tenant AS "tenantId", chain_seq::text AS seq, row_id AS "rowId", problem FROM audit_log_verify($1)`,
    [tenantId ?? null],
  )) as { tenantId: string; seq: string; rowId: string; problem: string }[];
  const heads = (await db.query(
    `SELECT a.tenant_id AS "tenantId", c.rows::int AS rows, a.seq::text AS "headSeq", a.hash AS "headHash"
       FROM audit_log a
       JOIN (SELECT tenant_id, count(*) AS rows, max(seq) AS head FROM audit_log
              WHERE $1::text IS NULL OR tenant_id = $1 GROUP BY tenant_id) c
         ON c.tenant_id = a.tenant_id AND c.head = a.seq
      ORDER BY a.tenant_id`,
    [tenantId ?? null],
  )) as { tenantId: string; rows: number; headSeq: string; headHash: string }[];
  return {
    ok: problems.length === 0,
    heads: heads.map((h) => ({ ...h, headSeq: Number(h.headSeq) })),
    problems: problems.map((p) => ({ ...p, seq: Number(p.seq) })),
  };
}
