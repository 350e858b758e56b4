import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateRetentionRuns1795911726496 implements MigrationInterface {
  name = 'CreateRetentionRuns1795911726496';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "retention_runs" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "tenant_id" text NOT NULL, "retention_days" integer NOT NULL, "cutoff" TIMESTAMP WITH TIME ZONE NOT NULL, "started_at" TIMESTAMP WITH TIME ZONE NOT NULL, "finished_at" TIMESTAMP WITH TIME ZONE NOT NULL, "erased" jsonb NOT NULL, CONSTRAINT "PK_80f0aec401112f8d4bad156a908" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "ix_retention_runs_tenant_time" ON "retention_runs"  ("tenant_id", "started_at") `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."ix_retention_runs_tenant_time"`);
    await queryRunner.query(`DROP TABLE "retention_runs"`);
  }
}
