import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateCrmSync1795925583741 implements MigrationInterface {
  name = 'CreateCrmSync1795925583741';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "crm_records" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "tenant_id" text NOT NULL, "adapter" text NOT NULL, "object_type" text NOT NULL, "external_id" text NOT NULL, "contact_id" uuid, "conversation_id" uuid, "created_by_us" boolean NOT NULL DEFAULT true, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_6796e9eae79dfcd685698e75905" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "ix_crm_records_conversation" ON "crm_records"  ("conversation_id") `);
    await queryRunner.query(`CREATE INDEX "ix_crm_records_contact" ON "crm_records"  ("contact_id") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "ux_crm_records_external" ON "crm_records"  ("adapter", "object_type", "external_id") `);
    await queryRunner.query(`CREATE TABLE "crm_syncs" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "tenant_id" text NOT NULL, "adapter" text NOT NULL, "kind" text NOT NULL, "source_id" text NOT NULL, "conversation_id" uuid, "refs" jsonb NOT NULL DEFAULT '{}', "status" text NOT NULL DEFAULT 'pending', "attempts" integer NOT NULL DEFAULT '0', "next_attempt_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "last_error" text, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_b5acb03d1258d61f73dace96dee" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "ix_crm_syncs_conversation" ON "crm_syncs"  ("conversation_id") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "ux_crm_syncs_source" ON "crm_syncs"  ("adapter", "source_id") `);
    await queryRunner.query(`CREATE INDEX "ix_crm_syncs_due" ON "crm_syncs"  ("next_attempt_at") WHERE status = 'pending'`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."ix_crm_syncs_due"`);
    await queryRunner.query(`DROP INDEX "public"."ux_crm_syncs_source"`);
    await queryRunner.query(`DROP INDEX "public"."ix_crm_syncs_conversation"`);
    await queryRunner.query(`DROP TABLE "crm_syncs"`);
    await queryRunner.query(`DROP INDEX "public"."ux_crm_records_external"`);
    await queryRunner.query(`DROP INDEX "public"."ix_crm_records_contact"`);
    await queryRunner.query(`DROP INDEX "public"."ix_crm_records_conversation"`);
    await queryRunner.query(`DROP TABLE "crm_records"`);
  }
}
