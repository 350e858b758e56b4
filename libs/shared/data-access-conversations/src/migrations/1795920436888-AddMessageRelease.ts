import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * messages.released_at: when the customer may see a message (the policy released it).
 * Every existing message was released when it was written.
 */
export class AddMessageRelease1795920436888 implements MigrationInterface {
  name = 'AddMessageRelease1795920436888';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "messages" ADD "released_at" TIMESTAMP WITH TIME ZONE DEFAULT clock_timestamp()`);
    await queryRunner.query(`UPDATE "messages" SET "released_at" = "created_at"`);
    await queryRunner.query(`CREATE INDEX "ix_messages_conversation_released" ON "messages"  ("conversation_id", "released_at") `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."ix_messages_conversation_released"`);
    await queryRunner.query(`ALTER TABLE "messages" DROP COLUMN "released_at"`);
  }
}
