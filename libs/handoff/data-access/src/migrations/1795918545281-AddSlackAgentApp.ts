import type { MigrationInterface, QueryRunner } from 'typeorm';

export class AddSlackAgentApp1795918545281 implements MigrationInterface {
  name = 'AddSlackAgentApp1795918545281';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "slack_deletions" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "tenant_id" text NOT NULL, "channel_id" text NOT NULL, "message_ts" text NOT NULL, "state" text NOT NULL DEFAULT 'pending', "attempts" integer NOT NULL DEFAULT '0', "next_attempt_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "last_error" text, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_ef5990ab4b6b0e4e46911c79f96" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "ix_slack_deletions_due" ON "slack_deletions"  ("state", "next_attempt_at") `);
    await queryRunner.query(`CREATE TABLE "slack_events" ("event_id" text NOT NULL, "tenant_id" text NOT NULL, "conversation_id" uuid, "received_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_dd1cb06d4397fc975360a4556ec" PRIMARY KEY ("event_id"))`);
    await queryRunner.query(`CREATE INDEX "ix_slack_events_conversation" ON "slack_events"  ("tenant_id", "conversation_id") `);
    await queryRunner.query(`CREATE INDEX "ix_slack_events_received" ON "slack_events"  ("received_at") `);
    await queryRunner.query(`CREATE TABLE "slack_posts" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "seq" BIGSERIAL NOT NULL, "tenant_id" text NOT NULL, "conversation_id" uuid NOT NULL, "thread_id" uuid NOT NULL, "kind" text NOT NULL, "params" jsonb NOT NULL DEFAULT '{}', "state" text NOT NULL DEFAULT 'pending', "attempts" integer NOT NULL DEFAULT '0', "next_attempt_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "lease_until" TIMESTAMP WITH TIME ZONE, "posted_ts" text, "last_error" text, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_642b13a1bcc1ff85ffdf61f6eff" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "ix_slack_posts_conversation" ON "slack_posts"  ("tenant_id", "conversation_id") `);
    await queryRunner.query(`CREATE INDEX "ix_slack_posts_thread" ON "slack_posts"  ("thread_id", "seq") `);
    await queryRunner.query(`CREATE INDEX "ix_slack_posts_due" ON "slack_posts"  ("state", "next_attempt_at") `);
    await queryRunner.query(`CREATE TABLE "slack_threads" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "tenant_id" text NOT NULL, "conversation_id" uuid NOT NULL, "handoff_id" uuid NOT NULL, "channel_id" text NOT NULL, "message_ts" text, "state" text NOT NULL DEFAULT 'waiting', "agent_id" uuid, "slack_user_id" text, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_f5ac33a988e711d57e6c0437176" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "ix_slack_threads_conversation" ON "slack_threads"  ("tenant_id", "conversation_id") `);
    await queryRunner.query(`CREATE INDEX "ix_slack_threads_message" ON "slack_threads"  ("channel_id", "message_ts") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "ux_slack_threads_handoff" ON "slack_threads"  ("handoff_id") `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."ux_slack_threads_handoff"`);
    await queryRunner.query(`DROP INDEX "public"."ix_slack_threads_message"`);
    await queryRunner.query(`DROP INDEX "public"."ix_slack_threads_conversation"`);
    await queryRunner.query(`DROP TABLE "slack_threads"`);
    await queryRunner.query(`DROP INDEX "public"."ix_slack_posts_due"`);
    await queryRunner.query(`DROP INDEX "public"."ix_slack_posts_thread"`);
    await queryRunner.query(`DROP INDEX "public"."ix_slack_posts_conversation"`);
    await queryRunner.query(`DROP TABLE "slack_posts"`);
    await queryRunner.query(`DROP INDEX "public"."ix_slack_events_received"`);
    await queryRunner.query(`DROP INDEX "public"."ix_slack_events_conversation"`);
    await queryRunner.query(`DROP TABLE "slack_events"`);
    await queryRunner.query(`DROP INDEX "public"."ix_slack_deletions_due"`);
    await queryRunner.query(`DROP TABLE "slack_deletions"`);
  }
}
