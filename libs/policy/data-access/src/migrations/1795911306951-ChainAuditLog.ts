import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Makes the evidence log append-only and tamper-evident (R22, ADR 0014).
 *
 * - Each tenant's rows form a hash chain: a BEFORE INSERT trigger takes a per-tenant
 *   advisory lock, numbers the row (`seq`), links it to the previous row (`prev_hash`),
 *   digests `details` and hashes the row. The hash input is a JSON array built by
 *   PostgreSQL itself, so no client can compute it differently.
 * - A BEFORE UPDATE/DELETE trigger and a BEFORE TRUNCATE trigger refuse every change but
 *   one: emptying `details` and stamping `details_erased_at` (retention and erasure of
 *   personal data); the digest of the old details stays in the chain.
 * - `audit_log_verify(tenant)` walks the chains and returns every row that does not fit.
 * Rows written before this migration are chained in their recorded order.
 */
export class ChainAuditLog1795911306951 implements MigrationInterface {
  name = 'ChainAuditLog1795911306951';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "audit_log" ADD "seq" bigint`);
    await queryRunner.query(`ALTER TABLE "audit_log" ADD "details_digest" text`);
    await queryRunner.query(`ALTER TABLE "audit_log" ADD "prev_hash" text`);
    await queryRunner.query(`ALTER TABLE "audit_log" ADD "hash" text`);
    await queryRunner.query(`ALTER TABLE "audit_log" ADD "details_erased_at" TIMESTAMP WITH TIME ZONE`);

    await queryRunner.query(`
      CREATE FUNCTION audit_log_details_digest(d jsonb) RETURNS text
      LANGUAGE sql IMMUTABLE STRICT AS $$
        SELECT encode(sha256(convert_to(d::text, 'UTF8')), 'hex')
      $$`);
    await queryRunner.query(`
      CREATE FUNCTION audit_log_row_hash(r audit_log) RETURNS text
      LANGUAGE sql STABLE AS $$
        SELECT encode(sha256(convert_to(jsonb_build_array(
          r.id::text, r.tenant_id, r.seq::text, r.conversation_id::text, r.event_id::text,
          r.action, r.actor_type, r.actor_id, r.reason,
          to_char(r.occurred_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'),
          r.details_digest, r.prev_hash
        )::text, 'UTF8')), 'hex')
      $$`);

    // Chain the rows that already exist, per tenant in the order they were recorded.
    await queryRunner.query(`
      DO $$
      DECLARE
        r record;
        current_tenant text := NULL;
        n bigint := 0;
        previous text;
      BEGIN
        FOR r IN SELECT id, tenant_id FROM audit_log ORDER BY tenant_id, recorded_at, occurred_at, id LOOP
          IF current_tenant IS DISTINCT FROM r.tenant_id THEN
            current_tenant := r.tenant_id; n := 0; previous := repeat('0', 64);
          END IF;
          n := n + 1;
          UPDATE audit_log SET seq = n, prev_hash = previous, details_digest = audit_log_details_digest(details) WHERE id = r.id;
          UPDATE audit_log a SET hash = audit_log_row_hash(a) WHERE a.id = r.id RETURNING a.hash INTO previous;
        END LOOP;
      END $$`);
    for (const column of ['seq', 'details_digest', 'prev_hash', 'hash']) {
      await queryRunner.query(`ALTER TABLE "audit_log" ALTER COLUMN "${column}" SET NOT NULL`);
    }
    await queryRunner.query(`CREATE UNIQUE INDEX "ux_audit_log_tenant_seq" ON "audit_log"  ("tenant_id", "seq") `);

    await queryRunner.query(`
      CREATE FUNCTION audit_log_chain() RETURNS trigger
      LANGUAGE plpgsql AS $$
      DECLARE
        last_seq bigint;
        last_hash text;
      BEGIN
        PERFORM pg_advisory_xact_lock(hashtextextended('pegamento.audit_log:' || NEW.tenant_id, 0));
        SELECT a.seq, a.hash INTO last_seq, last_hash
          FROM audit_log a WHERE a.tenant_id = NEW.tenant_id ORDER BY a.seq DESC LIMIT 1;
        NEW.seq := COALESCE(last_seq, 0) + 1;
        NEW.prev_hash := COALESCE(last_hash, repeat('0', 64));
        NEW.details_digest := audit_log_details_digest(NEW.details);
        NEW.details_erased_at := NULL;
        NEW.hash := audit_log_row_hash(NEW);
        RETURN NEW;
      END $$`);
    await queryRunner.query(`CREATE TRIGGER audit_log_chain BEFORE INSERT ON audit_log FOR EACH ROW EXECUTE FUNCTION audit_log_chain()`);

    await queryRunner.query(`
      CREATE FUNCTION audit_log_append_only() RETURNS trigger
      LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'UPDATE'
           AND NEW.details = '{}'::jsonb
           AND OLD.details_erased_at IS NULL
           AND NEW.details_erased_at IS NOT NULL
           AND (NEW.id, NEW.tenant_id, NEW.conversation_id, NEW.event_id, NEW.action, NEW.actor_type, NEW.actor_id,
                NEW.reason, NEW.occurred_at, NEW.recorded_at, NEW.seq, NEW.details_digest, NEW.prev_hash, NEW.hash)
               IS NOT DISTINCT FROM
               (OLD.id, OLD.tenant_id, OLD.conversation_id, OLD.event_id, OLD.action, OLD.actor_type, OLD.actor_id,
                OLD.reason, OLD.occurred_at, OLD.recorded_at, OLD.seq, OLD.details_digest, OLD.prev_hash, OLD.hash)
        THEN
          RETURN NEW;
        END IF;
        RAISE EXCEPTION 'audit_log is append-only: % refused (only emptying details for retention or erasure is allowed)', TG_OP
          USING ERRCODE = 'insufficient_privilege';
      END $$`);
    await queryRunner.query(`CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log FOR EACH ROW EXECUTE FUNCTION audit_log_append_only()`);
    await queryRunner.query(`CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only()`);

    await queryRunner.query(`
      CREATE FUNCTION audit_log_verify(p_tenant text DEFAULT NULL)
      RETURNS TABLE (chain_tenant text, chain_seq bigint, row_id uuid, problem text)
      LANGUAGE plpgsql STABLE AS $$
      DECLARE
        r audit_log;
        current_tenant text := NULL;
        expected_seq bigint;
        expected_prev text;
      BEGIN
        FOR r IN SELECT * FROM audit_log a WHERE p_tenant IS NULL OR a.tenant_id = p_tenant ORDER BY a.tenant_id, a.seq LOOP
          IF current_tenant IS DISTINCT FROM r.tenant_id THEN
            current_tenant := r.tenant_id; expected_seq := 1; expected_prev := repeat('0', 64);
          END IF;
          chain_tenant := r.tenant_id; chain_seq := r.seq; row_id := r.id;
          IF r.seq <> expected_seq THEN
            problem := format('expected row %s here: rows are missing', expected_seq); RETURN NEXT;
          END IF;
          IF r.prev_hash <> expected_prev THEN
            problem := 'prev_hash is not the previous row''s hash'; RETURN NEXT;
          END IF;
          IF r.details_erased_at IS NULL AND r.details_digest <> audit_log_details_digest(r.details) THEN
            problem := 'details were changed'; RETURN NEXT;
          END IF;
          IF r.details_erased_at IS NOT NULL AND r.details <> '{}'::jsonb THEN
            problem := 'details were written after their erasure'; RETURN NEXT;
          END IF;
          IF r.hash <> audit_log_row_hash(r) THEN
            problem := 'the row was changed: its hash does not match'; RETURN NEXT;
          END IF;
          expected_seq := r.seq + 1; expected_prev := r.hash;
        END LOOP;
      END $$`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP FUNCTION audit_log_verify(text)`);
    await queryRunner.query(`DROP TRIGGER audit_log_no_truncate ON audit_log`);
    await queryRunner.query(`DROP TRIGGER audit_log_append_only ON audit_log`);
    await queryRunner.query(`DROP FUNCTION audit_log_append_only()`);
    await queryRunner.query(`DROP TRIGGER audit_log_chain ON audit_log`);
    await queryRunner.query(`DROP FUNCTION audit_log_chain()`);
    await queryRunner.query(`DROP INDEX "public"."ux_audit_log_tenant_seq"`);
    await queryRunner.query(`DROP FUNCTION audit_log_row_hash(audit_log)`);
    await queryRunner.query(`DROP FUNCTION audit_log_details_digest(jsonb)`);
    await queryRunner.query(`ALTER TABLE "audit_log" DROP COLUMN "details_erased_at"`);
    await queryRunner.query(`ALTER TABLE "audit_log" DROP COLUMN "hash"`);
    await queryRunner.query(`ALTER TABLE "audit_log" DROP COLUMN "prev_hash"`);
    await queryRunner.query(`ALTER TABLE "audit_log" DROP COLUMN "details_digest"`);
    await queryRunner.query(`ALTER TABLE "audit_log" DROP COLUMN "seq"`);
  }
}
