import type { MigrationInterface, QueryRunner } from 'typeorm';

export class AddTwilioDeletions1795920523352 implements MigrationInterface {
  name = 'AddTwilioDeletions1795920523352';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "twilio_deletions" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "tenant_id" text NOT NULL, "message_sid" text NOT NULL, "state" text NOT NULL DEFAULT 'pending', "attempts" integer NOT NULL DEFAULT '0', "next_attempt_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "last_error" text, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_f4e95aeda93250ab56a0843ca2b" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE UNIQUE INDEX "ux_twilio_deletions_sid" ON "twilio_deletions"  ("message_sid") `);
    await queryRunner.query(`CREATE INDEX "ix_twilio_deletions_due" ON "twilio_deletions"  ("state", "next_attempt_at") `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."ix_twilio_deletions_due"`);
    await queryRunner.query(`DROP INDEX "public"."ux_twilio_deletions_sid"`);
    await queryRunner.query(`DROP TABLE "twilio_deletions"`);
  }
}
