import type { MigrationInterface, QueryRunner } from 'typeorm';

export class AddHandoffTracking1795905067868 implements MigrationInterface {
  name = 'AddHandoffTracking1795905067868';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "handoff_requests" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "tenant_id" text NOT NULL, "conversation_id" uuid NOT NULL, "channel" text NOT NULL, "trigger" text NOT NULL, "reason" text, "summary" text, "outside_hours" boolean NOT NULL DEFAULT false, "requested_at" TIMESTAMP WITH TIME ZONE NOT NULL, "claimed_at" TIMESTAMP WITH TIME ZONE, "agent_id" uuid, "first_human_reply_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_43a248c5a4b8c268f332892e5c3" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "ix_handoff_requests_tenant_time" ON "handoff_requests"  ("tenant_id", "requested_at") `);
    await queryRunner.query(`CREATE INDEX "ix_handoff_requests_conversation" ON "handoff_requests"  ("conversation_id", "requested_at") `);
    await queryRunner.query(`ALTER TABLE "conversations" ADD "announced_speaker" text`);
    await queryRunner.query(`ALTER TABLE "conversations" ADD "ungrounded_streak" integer NOT NULL DEFAULT '0'`);
    await queryRunner.query(`ALTER TABLE "conversations" ADD "open_handoff_id" uuid`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "conversations" DROP COLUMN "open_handoff_id"`);
    await queryRunner.query(`ALTER TABLE "conversations" DROP COLUMN "ungrounded_streak"`);
    await queryRunner.query(`ALTER TABLE "conversations" DROP COLUMN "announced_speaker"`);
    await queryRunner.query(`DROP INDEX "public"."ix_handoff_requests_conversation"`);
    await queryRunner.query(`DROP INDEX "public"."ix_handoff_requests_tenant_time"`);
    await queryRunner.query(`DROP TABLE "handoff_requests"`);
  }
}
