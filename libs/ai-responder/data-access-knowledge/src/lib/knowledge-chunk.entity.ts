import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * A passage of an article: what retrieval ranks and what an answer quotes. Searched
 * through CHUNK_SEARCH_VECTOR in the article's language, so "retourneren" finds
 * "retour" (dutch stemming) and "returns" finds "return" (english).
 */
@Entity({ name: 'knowledge_chunks' })
@Index('ix_knowledge_chunks_article', ['articleId', 'ordinal'])
@Index('ix_knowledge_chunks_tenant_locale', ['tenantId', 'locale'])
// A GIN index on CHUNK_SEARCH_VECTOR, created by hand in its migration (TypeORM cannot express it).
@Index('ix_knowledge_chunks_search', { synchronize: false })
export class KnowledgeChunkEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'article_id', type: 'uuid' })
  articleId!: string;

  @Column({ name: 'tenant_id', type: 'text' })
  tenantId!: string;

  @Column({ type: 'text' })
  locale!: string;

  @Column({ type: 'integer' })
  ordinal!: number;

  /** The article title, searched with the passage (a passage alone often lacks the topic word). */
  @Column({ type: 'text' })
  heading!: string;

  @Column({ type: 'text' })
  text!: string;

  /** Embedding of heading + text, when the model endpoint offers embeddings. */
  @Column({ type: 'real', array: true, nullable: true })
  embedding!: number[] | null;
}

/** Full-text search configuration of a chunk's language. */
export const CHUNK_SEARCH_CONFIG = `(CASE locale WHEN 'nl' THEN 'dutch'::regconfig ELSE 'english'::regconfig END)`;

/** The indexed search vector of a chunk (title weighted above text); queries must use this exact expression. */
export const CHUNK_SEARCH_VECTOR = `(setweight(to_tsvector(${CHUNK_SEARCH_CONFIG}, heading), 'A') || setweight(to_tsvector(${CHUNK_SEARCH_CONFIG}, text), 'B'))`;
