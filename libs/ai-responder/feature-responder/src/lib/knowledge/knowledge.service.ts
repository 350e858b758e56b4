import { Inject, Injectable, Logger, Optional } from '@nestjs/common';
import { KnowledgeRepository, type ArticleInput, type Hit, type KnowledgeArticleEntity } from '@pegamento/ai-responder-data-access-knowledge';
import { ANSWER_MODEL, ModelUnavailableError, type AnswerModel } from '@pegamento/ai-responder-data-access-model';
import { PLACEHOLDER_PATTERN, Pseudonymiser } from '@pegamento/shared-domain';
import { fuseRankings } from './hybrid-ranking';

/** Least share of the question's terms a full-text passage needs to reach the model. */
export const MIN_MODEL_COVERAGE = 0.34;
/** Least cosine similarity an embedding-only passage needs to reach the model. */
export const MIN_MODEL_SIMILARITY = 0.75;

/**
 * The knowledge base with embeddings when the model endpoint offers them: passages get
 * a vector when written, and retrieval for the model fuses full-text and embedding
 * results (hybrid ranking). Without embeddings it is full text alone.
 */
@Injectable()
export class KnowledgeService {
  private readonly logger = new Logger(KnowledgeService.name);

  constructor(
    readonly repository: KnowledgeRepository,
    @Optional() @Inject(ANSWER_MODEL) private readonly model: AnswerModel | null = null,
  ) {}

  async create(input: ArticleInput): Promise<KnowledgeArticleEntity> {
    const article = await this.repository.create(input);
    await this.embedArticle(article.id);
    return article;
  }

  async update(tenantId: string, id: string, changes: Parameters<KnowledgeRepository['update']>[2]): Promise<KnowledgeArticleEntity | null> {
    const article = await this.repository.update(tenantId, id, changes);
    if (article) await this.embedArticle(article.id);
    return article;
  }

  /**
   * Top passages for the model: full text fused with embedding similarity when there
   * are embeddings. Only passages that speak to the question go to the model (a third of
   * its terms, or a close embedding), so a question the knowledge does not cover gets an
   * honest "I don't know" whatever a model would have made of loosely related text.
   * The question is searched without its personal data, found by the conversation's
   * `pseudonymiser` (a fresh one when none is given).
   */
  async retrieve(tenantId: string, locale: string, question: string, limit: number, pseudonymiser: Pseudonymiser = new Pseudonymiser()): Promise<Hit[]> {
    // Personal data says nothing about which passage fits, and the embedding request leaves
    // the platform (R17): both searches use the question without it.
    const withoutPersonalData = pseudonymiser.pseudonymise(question).replace(PLACEHOLDER_PATTERN, ' ').replace(/\s+/g, ' ').trim();
    const fullText = (await this.repository.search(tenantId, locale, withoutPersonalData, limit * 2)).filter((h) => h.coverage >= MIN_MODEL_COVERAGE);
    const vector = withoutPersonalData ? await this.embedOne(withoutPersonalData) : null;
    if (!vector) return fullText.slice(0, limit);
    const byVector = (await this.repository.searchByVector(tenantId, locale, vector, limit * 2)).filter((h) => h.similarity >= MIN_MODEL_SIMILARITY);
    return fuseRankings(fullText, byVector, limit);
  }

  private async embedOne(text: string): Promise<number[] | null> {
    if (!this.model) return null;
    try {
      const [vector] = (await this.model.embed([text])) ?? [];
      return vector ?? null;
    } catch (error) {
      if (!(error instanceof ModelUnavailableError)) throw error;
      return null; // retrieval goes on with full text alone
    }
  }

  /**
   * Best effort: an article without vectors is still found by full text. The organisation's
   * text goes to the embedding endpoint masked where it quotes personal data (R17).
   */
  private async embedArticle(articleId: string): Promise<void> {
    if (!this.model) return;
    const chunks = await this.repository.chunksOf(articleId);
    const pseudonymiser = new Pseudonymiser();
    try {
      const vectors = await this.model.embed(chunks.map((c) => pseudonymiser.pseudonymise(`${c.heading}\n\n${c.text}`)));
      if (!vectors) return;
      await this.repository.setEmbeddings(new Map(chunks.map((c, i) => [c.id, vectors[i]!] as const).filter(([, v]) => Array.isArray(v))));
    } catch (error) {
      if (!(error instanceof ModelUnavailableError)) throw error;
      this.logger.warn({ articleId, code: error.code }, 'no embeddings for this article now; full-text search still finds it');
    }
  }
}
