import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { chunkText } from './chunker';
import { KnowledgeArticleEntity } from './knowledge-article.entity';
import { CHUNK_SEARCH_VECTOR, KnowledgeChunkEntity } from './knowledge-chunk.entity';

export interface ArticleInput {
  tenantId: string;
  locale: string;
  title: string;
  body: string;
  url: string | null;
  origin: 'api' | 'import' | 'demo';
}

export interface Hit {
  chunkId: string;
  articleId: string;
  title: string;
  url: string | null;
  text: string;
  /** ts_rank_cd normalised to 0..1. */
  rank: number;
  /** Share of the question's search terms found in the passage or its title. */
  coverage: number;
  /** Number of the question's search terms (after stop words). */
  terms: number;
}

interface PassageRow {
  chunk_id: string;
  article_id: string;
  title: string;
  url: string | null;
  text: string;
}

function toPassage(r: PassageRow): Pick<Hit, 'chunkId' | 'articleId' | 'title' | 'url' | 'text'> {
  return { chunkId: r.chunk_id, articleId: r.article_id, title: r.title, url: r.url, text: r.text };
}

const CONFIG_OF = (locale: string) => (locale === 'nl' ? 'dutch' : 'english');

/**
 * Words that shape a question but say nothing about its topic ("how long", "hoe
 * snel"); PostgreSQL's stop word lists keep them, so they would count against a
 * passage that answers the question.
 */
const QUESTION_WORDS = {
  nl: 'lang snel kan kunnen kun mag mogen wil willen wanneer hoeveel welke welk waar hoe krijg krijgen zoek zoeken graag vraag weten',
  en: 'long many much fast quick can could would get like need want please question know when where which',
};

/** Articles, their passages and full-text retrieval, per tenant and language. */
@Injectable()
export class KnowledgeRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async create(input: ArticleInput, manager: EntityManager = this.dataSource.manager): Promise<KnowledgeArticleEntity> {
    const run = async (m: EntityManager) => {
      const article = await m.getRepository(KnowledgeArticleEntity).save(m.getRepository(KnowledgeArticleEntity).create(input));
      await this.writeChunks(m, article);
      return article;
    };
    return manager.queryRunner?.isTransactionActive ? run(manager) : this.dataSource.transaction(run);
  }

  async update(tenantId: string, id: string, changes: Partial<Pick<ArticleInput, 'title' | 'body' | 'url' | 'locale'>>): Promise<KnowledgeArticleEntity | null> {
    return this.dataSource.transaction(async (m) => {
      const article = await m.getRepository(KnowledgeArticleEntity).findOneBy({ id, tenantId });
      if (!article) return null;
      Object.assign(article, changes);
      await m.getRepository(KnowledgeArticleEntity).save(article);
      await m.getRepository(KnowledgeChunkEntity).delete({ articleId: article.id });
      await this.writeChunks(m, article);
      return article;
    });
  }

  async remove(tenantId: string, id: string): Promise<boolean> {
    return this.dataSource.transaction(async (m) => {
      const result = await m.getRepository(KnowledgeArticleEntity).delete({ id, tenantId });
      await m.getRepository(KnowledgeChunkEntity).delete({ articleId: id, tenantId });
      return (result.affected ?? 0) > 0;
    });
  }

  list(tenantId: string, locale?: string): Promise<KnowledgeArticleEntity[]> {
    return this.dataSource.getRepository(KnowledgeArticleEntity).find({ where: { tenantId, ...(locale ? { locale } : {}) }, order: { title: 'ASC' }, take: 1_000 });
  }

  get(tenantId: string, id: string): Promise<KnowledgeArticleEntity | null> {
    return this.dataSource.getRepository(KnowledgeArticleEntity).findOneBy({ tenantId, id });
  }

  async count(tenantId: string): Promise<number> {
    return this.dataSource.getRepository(KnowledgeArticleEntity).countBy({ tenantId });
  }

  /**
   * The passages that best match a question, in the question's language. Matching is
   * OR over the question's stemmed terms (stop words dropped), ranked by ts_rank_cd;
   * `coverage` says how much of the question a passage speaks to.
   */
  async search(tenantId: string, locale: string, question: string, limit = 5): Promise<Hit[]> {
    const [{ lexemes }] = (await this.dataSource.query(
      `SELECT ARRAY(SELECT unnest(tsvector_to_array(to_tsvector($1::regconfig, $2)))
                    EXCEPT SELECT unnest(tsvector_to_array(to_tsvector($1::regconfig, $3)))) AS lexemes`,
      [CONFIG_OF(locale), question.slice(0, 2_000), QUESTION_WORDS[locale === 'nl' ? 'nl' : 'en']],
    )) as { lexemes: string[] }[];
    if (!lexemes || lexemes.length === 0) return [];
    const rows = (await this.dataSource.query(
      // A term matches as itself or, when long, by its first five letters: Dutch compounds
      // ("retourlabel") and inflections the stemmer keeps apart ("bezorgd", "bezorgen").
      `WITH terms AS (
         SELECT l, CASE WHEN length(l) >= 7 THEN (quote_literal(l) || ' | ' || quote_literal(left(l, 5)) || ':*') ELSE quote_literal(l) END AS term
           FROM unnest($3::text[]) AS l),
       q AS (SELECT string_agg('(' || term || ')', ' | ')::tsquery AS query FROM terms),
       hits AS (
         SELECT id AS chunk_id, article_id, text,
                ts_rank_cd(${CHUNK_SEARCH_VECTOR}, q.query, 32) AS rank,
                (SELECT count(*) FROM terms WHERE ${CHUNK_SEARCH_VECTOR} @@ ('(' || terms.term || ')')::tsquery)::int AS matched
           FROM knowledge_chunks, q
          WHERE tenant_id = $1 AND locale = $2 AND ${CHUNK_SEARCH_VECTOR} @@ q.query)
       SELECT h.chunk_id, h.article_id, a.title, a.url, h.text, h.rank, h.matched
         FROM hits h JOIN knowledge_articles a ON a.id = h.article_id
        ORDER BY h.matched DESC, h.rank DESC
        LIMIT $4`,
      [tenantId, locale, lexemes, limit],
    )) as (PassageRow & { rank: number; matched: number })[];
    return rows.map((r) => ({
      ...toPassage(r),
      rank: Number(r.rank),
      coverage: r.matched / lexemes.length,
      terms: lexemes.length,
    }));
  }

  /** Passages of an article (for computing their embeddings). */
  chunksOf(articleId: string): Promise<KnowledgeChunkEntity[]> {
    return this.dataSource.getRepository(KnowledgeChunkEntity).find({ where: { articleId }, order: { ordinal: 'ASC' } });
  }

  async setEmbeddings(vectors: ReadonlyMap<string, number[]>): Promise<void> {
    for (const [chunkId, embedding] of vectors) {
      await this.dataSource.getRepository(KnowledgeChunkEntity).update({ id: chunkId }, { embedding });
    }
  }

  /** Passages nearest to a question's embedding (cosine similarity), for hybrid ranking. */
  async searchByVector(tenantId: string, locale: string, vector: readonly number[], limit = 5): Promise<(Hit & { similarity: number })[]> {
    const norm = Math.sqrt(vector.reduce((sum, x) => sum + x * x, 0)) || 1;
    const rows = (await this.dataSource.query(
      `WITH scored AS (
         SELECT id AS chunk_id, article_id, text,
                (SELECT sum(a * b) FROM unnest(embedding, $3::real[]) AS t(a, b))
                  / NULLIF(sqrt((SELECT sum(a * a) FROM unnest(embedding) AS a)) * $4, 0) AS similarity
           FROM knowledge_chunks
          WHERE tenant_id = $1 AND locale = $2 AND embedding IS NOT NULL AND cardinality(embedding) = cardinality($3::real[]))
       SELECT s.chunk_id, s.article_id, a.title, a.url, s.text, s.similarity
         FROM scored s JOIN knowledge_articles a ON a.id = s.article_id
        WHERE s.similarity IS NOT NULL
        ORDER BY s.similarity DESC LIMIT $5`,
      [tenantId, locale, vector, norm, limit],
    )) as (PassageRow & { similarity: number })[];
    return rows.map((r) => ({
      ...toPassage(r),
      rank: 0,
      coverage: 0,
      terms: 0,
      similarity: Number(r.similarity),
    }));
  }

  private async writeChunks(m: EntityManager, article: KnowledgeArticleEntity): Promise<void> {
    const chunks = chunkText(article.body);
    if (chunks.length === 0) return;
    await m.getRepository(KnowledgeChunkEntity).insert(
      chunks.map((text, ordinal) => ({ articleId: article.id, tenantId: article.tenantId, locale: article.locale, ordinal, heading: article.title, text, embedding: null })),
    );
  }
}

