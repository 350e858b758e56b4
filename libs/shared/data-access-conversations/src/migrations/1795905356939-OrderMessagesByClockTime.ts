import type { MigrationInterface, QueryRunner } from 'typeorm';

export class OrderMessagesByClockTime1795905356939 implements MigrationInterface {
  name = 'OrderMessagesByClockTime1795905356939';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."ix_messages_conversation_created"`);
    await queryRunner.query(`ALTER TABLE "messages" ALTER COLUMN "created_at" SET DEFAULT clock_timestamp()`);
    await queryRunner.query(`CREATE INDEX "ix_messages_conversation_created" ON "messages"  ("conversation_id", "created_at") `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."ix_messages_conversation_created"`);
    await queryRunner.query(`ALTER TABLE "messages" ALTER COLUMN "created_at" SET DEFAULT now()`);
    await queryRunner.query(`CREATE INDEX "ix_messages_conversation_created" ON "messages" USING btree ("conversation_id", "created_at") `);
  }
}
