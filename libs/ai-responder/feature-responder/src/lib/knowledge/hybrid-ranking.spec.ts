import type { Hit } from '@pegamento/ai-responder-data-access-knowledge';
import { fuseRankings } from './hybrid-ranking';

const hit = (id: string): Hit => ({ chunkId: id, articleId: `a-${id}`, title: id, url: null, text: id, rank: 0, coverage: 0, terms: 0 });

describe('fuseRankings', () => {
  it('puts a passage both searches found above passages only one found', () => {
    expect(fuseRankings([hit('a'), hit('b')], [hit('c'), hit('b')], 3).map((h) => h.chunkId)).toEqual(['b', 'a', 'c']);
  });

  it('adds what only the embedding search found, after full-text results of the same rank', () => {
    expect(fuseRankings([hit('a')], [hit('z')], 5).map((h) => h.chunkId)).toEqual(['a', 'z']);
  });

  it('keeps the full-text order without embeddings, and respects the limit', () => {
    expect(fuseRankings([hit('a'), hit('b'), hit('c')], [], 2).map((h) => h.chunkId)).toEqual(['a', 'b']);
  });
});
