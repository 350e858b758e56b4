import type { MigrationInterface, QueryRunner } from 'typeorm';

export class AddUsersEmailIndex1795905336055 implements MigrationInterface {
  name = 'AddUsersEmailIndex1795905336055';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE INDEX "ix_users_email" ON "users"  ("email") `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."ix_users_email"`);
  }
}
