import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateEventKeys1795924164107 implements MigrationInterface {
  name = 'CreateEventKeys1795924164107';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "event_keys" ("id" BIGSERIAL NOT NULL, "message_key" text NOT NULL, "wrapped_key" text NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_e023e7d71f802062adf177feb7d" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE UNIQUE INDEX "ux_event_keys_message_key" ON "event_keys"  ("message_key") `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."ux_event_keys_message_key"`);
    await queryRunner.query(`DROP TABLE "event_keys"`);
  }
}
