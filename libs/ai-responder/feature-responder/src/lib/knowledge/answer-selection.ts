import type { Hit } from '@pegamento/ai-responder-data-access-knowledge';

export interface SelectionThresholds {
  /** Share of the question's terms a passage must contain. */
  minCoverage: number;
  /** Least normalised ts_rank_cd. */
  minRank: number;
}

export const DEFAULT_THRESHOLDS: SelectionThresholds = { minCoverage: 0.6, minRank: 0.01 };

/**
 * The passage an extractive answer may quote, or null: then the assistant says it does
 * not know. A one- or two-term question must match every term; longer ones most.
 */
export function selectPassage(hits: readonly Hit[], thresholds: SelectionThresholds = DEFAULT_THRESHOLDS): Hit | null {
  const best = hits[0];
  if (!best) return null;
  const enoughTerms = best.terms === 1 ? best.coverage === 1 : best.coverage >= thresholds.minCoverage;
  return enoughTerms && best.rank >= thresholds.minRank ? best : null;
}
