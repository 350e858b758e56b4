import type { MigrationInterface, QueryRunner } from 'typeorm';

export class AddAgentQueueAndLockout1795905069820 implements MigrationInterface {
  name = 'AddAgentQueueAndLockout1795905069820';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "users" ADD "languages" text array NOT NULL DEFAULT '{nl,en}'`);
    await queryRunner.query(`ALTER TABLE "users" ADD "skills" text array NOT NULL DEFAULT '{}'`);
    await queryRunner.query(`ALTER TABLE "users" ADD "max_concurrent" integer NOT NULL DEFAULT '5'`);
    await queryRunner.query(`ALTER TABLE "users" ADD "available" boolean NOT NULL DEFAULT false`);
    await queryRunner.query(`ALTER TABLE "users" ADD "failed_logins" integer NOT NULL DEFAULT '0'`);
    await queryRunner.query(`ALTER TABLE "users" ADD "locked_until" TIMESTAMP WITH TIME ZONE`);
    await queryRunner.query(`ALTER TABLE "users" ADD "last_login_at" TIMESTAMP WITH TIME ZONE`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "users" DROP COLUMN "last_login_at"`);
    await queryRunner.query(`ALTER TABLE "users" DROP COLUMN "locked_until"`);
    await queryRunner.query(`ALTER TABLE "users" DROP COLUMN "failed_logins"`);
    await queryRunner.query(`ALTER TABLE "users" DROP COLUMN "available"`);
    await queryRunner.query(`ALTER TABLE "users" DROP COLUMN "max_concurrent"`);
    await queryRunner.query(`ALTER TABLE "users" DROP COLUMN "skills"`);
    await queryRunner.query(`ALTER TABLE "users" DROP COLUMN "languages"`);
  }
}
