import type { Hit } from '@pegamento/ai-responder-data-access-knowledge';

/** Reciprocal-rank fusion constant (the usual 60): ranks matter, raw scores of the two searches need not be comparable. */
const RRF_K = 60;

/**
 * Merges full-text and embedding results by reciprocal-rank fusion: a passage found by
 * both ranks above one found by either alone; ties keep the full-text order.
 */
export function fuseRankings(fullText: readonly Hit[], byVector: readonly Hit[], limit: number): Hit[] {
  const scores = new Map<string, { hit: Hit; score: number; order: number }>();
  const add = (list: readonly Hit[], offset: number) =>
    list.forEach((hit, index) => {
      const entry = scores.get(hit.chunkId) ?? { hit, score: 0, order: offset + index };
      entry.score += 1 / (RRF_K + index + 1);
      scores.set(hit.chunkId, entry);
    });
  add(fullText, 0);
  add(byVector, fullText.length);
  return [...scores.values()]
    .sort((a, b) => b.score - a.score || a.order - b.order)
    .slice(0, limit)
    .map((e) => e.hit);
}
