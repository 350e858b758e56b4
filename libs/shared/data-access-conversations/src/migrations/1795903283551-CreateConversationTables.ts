import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateConversationTables1795903283551 implements MigrationInterface {
  name = 'CreateConversationTables1795903283551';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "contact_channel_identities" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "tenant_id" text NOT NULL, "contact_id" uuid NOT NULL, "channel" text NOT NULL, "address" text NOT NULL, "opted_out_at" TIMESTAMP WITH TIME ZONE, "opted_in_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_02ebe0c465d4decf62d0e723c05" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "ix_channel_identities_contact" ON "contact_channel_identities"  ("contact_id") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "ux_channel_identities_address" ON "contact_channel_identities"  ("tenant_id", "channel", "address") `);
    await queryRunner.query(`CREATE TABLE "contacts" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "tenant_id" text NOT NULL, "display_name" text, "email" text, "phone" text, "locale" text, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_b99cd40cfd66a99f1571f4f72e6" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "ix_contacts_tenant_phone" ON "contacts"  ("tenant_id", "phone") `);
    await queryRunner.query(`CREATE INDEX "ix_contacts_tenant_email" ON "contacts"  ("tenant_id", "email") `);
    await queryRunner.query(`CREATE TABLE "conversations" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "tenant_id" text NOT NULL, "contact_id" uuid, "channel" text NOT NULL, "status" text NOT NULL DEFAULT 'bot', "locale" text NOT NULL, "assigned_agent_id" uuid, "assigned_agent_name" text, "token_hash" text, "thread_key" text, "disclosure_version" text, "disclosed_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "closed_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_ee34f4f7ced4ec8681f26bf04ef" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "ix_conversations_contact" ON "conversations"  ("contact_id") `);
    await queryRunner.query(`CREATE INDEX "ix_conversations_tenant_status" ON "conversations"  ("tenant_id", "status", "updated_at") `);
    await queryRunner.query(`CREATE TABLE "messages" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "tenant_id" text NOT NULL, "conversation_id" uuid NOT NULL, "direction" text NOT NULL, "author_type" text NOT NULL, "author_id" text, "author_display_name" text NOT NULL, "ai_generated" boolean NOT NULL, "text" text NOT NULL, "locale" text, "sources" jsonb NOT NULL DEFAULT '[]', "flagged" boolean NOT NULL DEFAULT false, "flag_reason" text, "client_message_id" text, "channel_message_id" text, "delivery_status" text, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_18325f38ae6de43878487eff986" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE UNIQUE INDEX "ux_messages_client_message_id" ON "messages"  ("conversation_id", "client_message_id") WHERE client_message_id IS NOT NULL`);
    await queryRunner.query(`CREATE INDEX "ix_messages_conversation_created" ON "messages"  ("conversation_id", "created_at") `);
    await queryRunner.query(`CREATE TABLE "tenants" ("id" text NOT NULL, "name" text NOT NULL, "default_locale" text NOT NULL DEFAULT 'nl', "settings" jsonb NOT NULL DEFAULT '{}', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_53be67a04681c66b87ee27c9321" PRIMARY KEY ("id"))`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "tenants"`);
    await queryRunner.query(`DROP INDEX "public"."ix_messages_conversation_created"`);
    await queryRunner.query(`DROP INDEX "public"."ux_messages_client_message_id"`);
    await queryRunner.query(`DROP TABLE "messages"`);
    await queryRunner.query(`DROP INDEX "public"."ix_conversations_tenant_status"`);
    await queryRunner.query(`DROP INDEX "public"."ix_conversations_contact"`);
    await queryRunner.query(`DROP TABLE "conversations"`);
    await queryRunner.query(`DROP INDEX "public"."ix_contacts_tenant_email"`);
    await queryRunner.query(`DROP INDEX "public"."ix_contacts_tenant_phone"`);
    await queryRunner.query(`DROP TABLE "contacts"`);
    await queryRunner.query(`DROP INDEX "public"."ux_channel_identities_address"`);
    await queryRunner.query(`DROP INDEX "public"."ix_channel_identities_contact"`);
    await queryRunner.query(`DROP TABLE "contact_channel_identities"`);
  }
}
