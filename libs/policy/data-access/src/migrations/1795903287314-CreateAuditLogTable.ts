import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateAuditLogTable1795903287314 implements MigrationInterface {
  name = 'CreateAuditLogTable1795903287314';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "audit_log" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "tenant_id" text NOT NULL, "conversation_id" uuid, "event_id" uuid, "action" text NOT NULL, "actor_type" text NOT NULL, "actor_id" text, "reason" text, "details" jsonb NOT NULL DEFAULT '{}', "occurred_at" TIMESTAMP WITH TIME ZONE NOT NULL, "recorded_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_07fefa57f7f5ab8fc3f52b3ed0b" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE UNIQUE INDEX "ux_audit_log_event" ON "audit_log"  ("event_id") WHERE event_id IS NOT NULL`);
    await queryRunner.query(`CREATE INDEX "ix_audit_log_tenant_time" ON "audit_log"  ("tenant_id", "occurred_at") `);
    await queryRunner.query(`CREATE INDEX "ix_audit_log_conversation" ON "audit_log"  ("conversation_id", "occurred_at") `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."ix_audit_log_conversation"`);
    await queryRunner.query(`DROP INDEX "public"."ix_audit_log_tenant_time"`);
    await queryRunner.query(`DROP INDEX "public"."ux_audit_log_event"`);
    await queryRunner.query(`DROP TABLE "audit_log"`);
  }
}
