import type { MigrationInterface, QueryRunner } from 'typeorm';

export class AddEmailThreads1795918014595 implements MigrationInterface {
  name = 'AddEmailThreads1795918014595';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "email_messages" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "tenant_id" text NOT NULL, "conversation_id" uuid NOT NULL, "message_id" uuid NOT NULL, "direction" text NOT NULL, "header_message_id" text NOT NULL, "subject" text, "sender_bidx" text, "auto_reply" boolean NOT NULL DEFAULT true, "carries_disclosure" boolean NOT NULL DEFAULT false, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT clock_timestamp(), CONSTRAINT "PK_922cad79d5a315f5d1d06b077da" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "ix_email_messages_sender" ON "email_messages"  ("tenant_id", "sender_bidx", "created_at") `);
    await queryRunner.query(`CREATE INDEX "ix_email_messages_conversation" ON "email_messages"  ("conversation_id", "created_at") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "ux_email_messages_header_id" ON "email_messages"  ("tenant_id", "header_message_id") `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."ux_email_messages_header_id"`);
    await queryRunner.query(`DROP INDEX "public"."ix_email_messages_conversation"`);
    await queryRunner.query(`DROP INDEX "public"."ix_email_messages_sender"`);
    await queryRunner.query(`DROP TABLE "email_messages"`);
  }
}
