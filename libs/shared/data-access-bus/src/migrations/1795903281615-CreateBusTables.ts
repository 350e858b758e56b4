import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateBusTables1795903281615 implements MigrationInterface {
  name = 'CreateBusTables1795903281615';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "dead_letters" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "consumer_group" text NOT NULL, "topic" text NOT NULL, "event_id" text NOT NULL, "event_type" text, "tenant_id" text, "message_key" text NOT NULL, "envelope" jsonb NOT NULL, "error" text NOT NULL, "attempts" integer NOT NULL, "dead_lettered_at" TIMESTAMP WITH TIME ZONE NOT NULL, "replayed_at" TIMESTAMP WITH TIME ZONE, "replay_count" integer NOT NULL DEFAULT '0', CONSTRAINT "PK_084e63809483fb0a9c48aae607f" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "ix_dead_letters_open" ON "dead_letters"  ("dead_lettered_at") WHERE replayed_at IS NULL`);
    await queryRunner.query(`CREATE UNIQUE INDEX "ux_dead_letters_group_event" ON "dead_letters"  ("consumer_group", "event_id") `);
    await queryRunner.query(`CREATE TABLE "inbox" ("consumer_group" text NOT NULL, "event_id" uuid NOT NULL, "event_type" text NOT NULL, "handled_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_7ab86c3c4d56e08e41ac04d481e" PRIMARY KEY ("consumer_group", "event_id"))`);
    await queryRunner.query(`CREATE TABLE "outbox" ("id" BIGSERIAL NOT NULL, "event_id" uuid NOT NULL, "event_type" text NOT NULL, "topic" text NOT NULL, "message_key" text NOT NULL, "envelope" jsonb NOT NULL, "headers" jsonb NOT NULL DEFAULT '{}', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "published_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_340ab539f309f03bdaa14aa7649" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "ix_outbox_published_at" ON "outbox"  ("published_at") WHERE published_at IS NOT NULL`);
    await queryRunner.query(`CREATE INDEX "ix_outbox_unpublished" ON "outbox"  ("id") WHERE published_at IS NULL`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."ix_outbox_unpublished"`);
    await queryRunner.query(`DROP INDEX "public"."ix_outbox_published_at"`);
    await queryRunner.query(`DROP TABLE "outbox"`);
    await queryRunner.query(`DROP TABLE "inbox"`);
    await queryRunner.query(`DROP INDEX "public"."ux_dead_letters_group_event"`);
    await queryRunner.query(`DROP INDEX "public"."ix_dead_letters_open"`);
    await queryRunner.query(`DROP TABLE "dead_letters"`);
  }
}
