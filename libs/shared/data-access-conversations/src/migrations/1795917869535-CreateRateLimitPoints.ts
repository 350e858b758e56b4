import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Counters of the HTTP rate limits shared by every replica of a service (util-http
 * createRateLimiter, rate-limiter-flexible's PostgreSQL store, whose column layout this
 * is). Keys are "<limit>:<client IP or conversation id>"; rows expire with their window
 * and the limiter deletes them an hour after that.
 */
export class CreateRateLimitPoints1795917869535 implements MigrationInterface {
  name = 'CreateRateLimitPoints1795917869535';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "rate_limit_points" ("key" character varying(255) NOT NULL, "points" integer NOT NULL DEFAULT 0, "expire" bigint, CONSTRAINT "PK_rate_limit_points" PRIMARY KEY ("key"))`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "rate_limit_points"`);
  }
}
