import { KnowledgeArticleEntity } from './lib/knowledge-article.entity';
import { CHUNK_SEARCH_VECTOR, KnowledgeChunkEntity } from './lib/knowledge-chunk.entity';
import { knowledgeMigrations } from './migrations';

export { CHUNK_SEARCH_VECTOR, KnowledgeArticleEntity, KnowledgeChunkEntity, knowledgeMigrations };
export const knowledgeEntities = [KnowledgeArticleEntity, KnowledgeChunkEntity];
export * from './lib/knowledge.repository';
export * from './lib/chunker';
