import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateErasedKeys1795911977619 implements MigrationInterface {
  name = 'CreateErasedKeys1795911977619';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "erased_keys" ("message_key" text NOT NULL, "erased_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_09d3ec8db954bb99df018efb505" PRIMARY KEY ("message_key"))`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "erased_keys"`);
  }
}
