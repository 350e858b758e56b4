import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Hand-written: the GIN index behind full-text retrieval, on an expression TypeORM
 * cannot model. The expression is CHUNK_SEARCH_VECTOR as of this migration (written
 * out, so a later change of the constant needs a new migration, not an edit here).
 */
export class AddKnowledgeSearchIndex1795907092633 implements MigrationInterface {
  name = 'AddKnowledgeSearchIndex1795907092633';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE INDEX "ix_knowledge_chunks_search" ON "knowledge_chunks" USING GIN ((setweight(to_tsvector((CASE locale WHEN 'nl' THEN 'dutch'::regconfig ELSE 'english'::regconfig END), heading), 'A') || setweight(to_tsvector((CASE locale WHEN 'nl' THEN 'dutch'::regconfig ELSE 'english'::regconfig END), text), 'B')))`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "ix_knowledge_chunks_search"`);
  }
}
