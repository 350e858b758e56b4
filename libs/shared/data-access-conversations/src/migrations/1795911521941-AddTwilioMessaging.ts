import type { MigrationInterface, QueryRunner } from 'typeorm';

export class AddTwilioMessaging1795911521941 implements MigrationInterface {
  name = 'AddTwilioMessaging1795911521941';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "message_deliveries" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "seq" BIGSERIAL NOT NULL, "tenant_id" text NOT NULL, "conversation_id" uuid NOT NULL, "message_id" uuid NOT NULL, "channel" text NOT NULL, "part" integer NOT NULL DEFAULT '1', "part_count" integer NOT NULL DEFAULT '1', "to_address" text NOT NULL, "from_address" text NOT NULL, "body" text, "content_sid" text, "content_variables" jsonb, "state" text NOT NULL DEFAULT 'pending', "attempts" integer NOT NULL DEFAULT '0', "next_attempt_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "lease_until" TIMESTAMP WITH TIME ZONE, "provider_message_id" text, "provider_status" text, "error_code" text, "error_message" text, "segments" integer, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_a582991a821a658d1ffab3d8556" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE UNIQUE INDEX "ux_message_deliveries_provider_id" ON "message_deliveries"  ("provider_message_id") WHERE provider_message_id IS NOT NULL`);
    await queryRunner.query(`CREATE INDEX "ix_message_deliveries_message" ON "message_deliveries"  ("message_id") `);
    await queryRunner.query(`CREATE INDEX "ix_message_deliveries_conversation" ON "message_deliveries"  ("conversation_id", "seq") `);
    await queryRunner.query(`CREATE INDEX "ix_message_deliveries_due" ON "message_deliveries"  ("state", "next_attempt_at") `);
    await queryRunner.query(`ALTER TABLE "contact_channel_identities" ADD "last_inbound_at" TIMESTAMP WITH TIME ZONE`);
    await queryRunner.query(`ALTER TABLE "conversations" ADD "channel_identity_id" uuid`);
    await queryRunner.query(`ALTER TABLE "messages" ADD "delivery_error_code" text`);
    await queryRunner.query(`ALTER TABLE "messages" ADD "delivery_error_message" text`);
    await queryRunner.query(`ALTER TABLE "messages" ADD "segments" integer`);
    await queryRunner.query(`ALTER TABLE "messages" ADD "attachments" jsonb NOT NULL DEFAULT '[]'`);
    await queryRunner.query(`CREATE INDEX "ix_conversations_channel_identity" ON "conversations"  ("channel_identity_id") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "ux_messages_inbound_channel_message_id" ON "messages"  ("conversation_id", "channel_message_id") WHERE channel_message_id IS NOT NULL AND direction = 'inbound'`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."ux_messages_inbound_channel_message_id"`);
    await queryRunner.query(`DROP INDEX "public"."ix_conversations_channel_identity"`);
    await queryRunner.query(`ALTER TABLE "messages" DROP COLUMN "attachments"`);
    await queryRunner.query(`ALTER TABLE "messages" DROP COLUMN "segments"`);
    await queryRunner.query(`ALTER TABLE "messages" DROP COLUMN "delivery_error_message"`);
    await queryRunner.query(`ALTER TABLE "messages" DROP COLUMN "delivery_error_code"`);
    await queryRunner.query(`ALTER TABLE "conversations" DROP COLUMN "channel_identity_id"`);
    await queryRunner.query(`ALTER TABLE "contact_channel_identities" DROP COLUMN "last_inbound_at"`);
    await queryRunner.query(`DROP INDEX "public"."ix_message_deliveries_due"`);
    await queryRunner.query(`DROP INDEX "public"."ix_message_deliveries_conversation"`);
    await queryRunner.query(`DROP INDEX "public"."ix_message_deliveries_message"`);
    await queryRunner.query(`DROP INDEX "public"."ux_message_deliveries_provider_id"`);
    await queryRunner.query(`DROP TABLE "message_deliveries"`);
  }
}
