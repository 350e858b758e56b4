import { neutralise, normaliseForMatching, TOPIC_LEXICON, type CompiledLexicon } from './topic-lexicon';

/**
 * Frustration in a customer's text, to offer a person sooner (text sentiment for
 * escalation only, R08: never for anything else, and never from voice or video).
 */

/** Score at or above which a message counts as frustrated. */
export const DEFAULT_FRUSTRATION_THRESHOLD = 0.5;

export interface FrustrationAssessment {
  /** 0..1. */
  score: number;
  /** Ids of the signals found ("shouting", "swear.nl", "repeated.en" …): safe to log. */
  signals: string[];
}

function isShouting(text: string, rule: CompiledLexicon['frustration']['shouting']): boolean {
  const letters = text.match(/\p{L}/gu)?.length ?? 0;
  if (letters < rule.minLetters) return false;
  const words = text.split(/\s+/).filter((w) => /\p{L}/u.test(w)).length;
  if (words < rule.minWords) return false;
  const upper = text.match(/\p{Lu}/gu)?.length ?? 0;
  return upper / letters >= rule.minUpperRatio;
}

/** The score and the signals behind it. */
export function explainFrustration(text: string, lexicon: CompiledLexicon = TOPIC_LEXICON): FrustrationAssessment {
  const rules = lexicon.frustration;
  const found: Array<{ id: string; weight: number }> = [];
  if (isShouting(text, rules.shouting)) found.push({ id: 'shouting', weight: rules.shouting.weight });
  const punctuation = rules.punctuation.filter((p) => p.regex.test(text)).sort((a, b) => b.weight - a.weight)[0];
  if (punctuation) found.push(punctuation);
  const normalised = neutralise(normaliseForMatching(text), rules.neutralise);
  for (const s of rules.signals) if (s.regex.test(normalised)) found.push(s);
  // Noisy-or: each distinct signal closes part of the remaining distance to 1.
  const score = 1 - found.reduce((rest, s) => rest * (1 - s.weight), 1);
  return { score: Math.round(score * 1000) / 1000, signals: found.map((s) => s.id) };
}

/**
 * 0..1: shouting in capitals, "!!!", swearing (nl/en), "belachelijk", "ridiculous",
 * "this is useless", "waardeloze bot", "for the third time" … Rules and weights are
 * in `topic-lexicon.json`; deterministic, no model.
 */
export function frustrationScore(text: string, lexicon: CompiledLexicon = TOPIC_LEXICON): number {
  return explainFrustration(text, lexicon).score;
}

export interface RepeatedFrustrationOptions {
  /** How many of the latest customer messages to look at. Default 3. */
  window?: number;
  /** How many of those must score at or above the threshold. Default 2. */
  minCount?: number;
}

/**
 * Repeated frustration: at least `minCount` (2) of the last `window` (3) customer
 * messages score ≥ `threshold`. One angry message alone is not enough; the caller
 * passes the customer's own texts, oldest first.
 */
export function isFrustrated(
  recentCustomerTexts: readonly string[],
  threshold: number = DEFAULT_FRUSTRATION_THRESHOLD,
  options: RepeatedFrustrationOptions = {},
): boolean {
  const window = options.window ?? 3;
  const minCount = options.minCount ?? 2;
  const latest = recentCustomerTexts.slice(-window);
  return latest.filter((text) => frustrationScore(text) >= threshold).length >= minCount;
}
