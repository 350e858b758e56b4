import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateKnowledgeTables1795907092533 implements MigrationInterface {
  name = 'CreateKnowledgeTables1795907092533';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "knowledge_articles" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "tenant_id" text NOT NULL, "locale" text NOT NULL, "title" text NOT NULL, "body" text NOT NULL, "url" text, "origin" text NOT NULL DEFAULT 'api', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_4dff86fc9e08f53fe1d4cfe5fb1" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "ix_knowledge_articles_tenant_locale" ON "knowledge_articles"  ("tenant_id", "locale") `);
    await queryRunner.query(`CREATE TABLE "knowledge_chunks" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "article_id" uuid NOT NULL, "tenant_id" text NOT NULL, "locale" text NOT NULL, "ordinal" integer NOT NULL, "heading" text NOT NULL, "text" text NOT NULL, "embedding" real array, CONSTRAINT "PK_81af684d79d321813c41019a5cd" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "ix_knowledge_chunks_tenant_locale" ON "knowledge_chunks"  ("tenant_id", "locale") `);
    await queryRunner.query(`CREATE INDEX "ix_knowledge_chunks_article" ON "knowledge_chunks"  ("article_id", "ordinal") `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."ix_knowledge_chunks_article"`);
    await queryRunner.query(`DROP INDEX "public"."ix_knowledge_chunks_tenant_locale"`);
    await queryRunner.query(`DROP TABLE "knowledge_chunks"`);
    await queryRunner.query(`DROP INDEX "public"."ix_knowledge_articles_tenant_locale"`);
    await queryRunner.query(`DROP TABLE "knowledge_articles"`);
  }
}
