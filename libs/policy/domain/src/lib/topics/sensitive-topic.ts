import { neutralise, normaliseForMatching, TOPIC_LEXICON, type CompiledLexicon, type SensitiveTopic } from './topic-lexicon';

export interface SensitiveTopicMatch {
  topic: SensitiveTopic;
  /** Lexicon rule that matched, e.g. "nl.wil-dood"; safe to log (names the rule, not the customer's words). */
  ruleId: string;
}

export interface SensitiveTopicResult {
  topic: SensitiveTopic | null;
  /** Why, for the evidence log: the topic and rule, never the customer's text. */
  reason: string;
  ruleId: string | null;
}

/**
 * Every sensitive topic the text touches, most sensitive first (one match per topic).
 *
 * Rules of both languages always run (customers mix languages and a conversation's
 * locale may be a guess); `locale` only switches off the few rules for words that
 * mean something else in the other language ("arts", "GP", "AVG").
 */
export function detectSensitiveTopics(text: string, locale?: string | null, lexicon: CompiledLexicon = TOPIC_LEXICON): SensitiveTopicMatch[] {
  const normalised = normaliseForMatching(text);
  const language = locale ? locale.trim().split(/[-_]/, 1)[0]!.toLowerCase() : undefined;
  const matches: SensitiveTopicMatch[] = [];
  for (const { topic, neutralise: idioms, rules } of lexicon.topics) {
    const candidate = neutralise(normalised, idioms);
    const rule = rules.find((r) => (r.onlyInLocale === undefined || language === undefined || r.onlyInLocale === language) && r.regex.test(candidate));
    if (rule) matches.push({ topic, ruleId: rule.id });
  }
  return matches;
}

/**
 * The most sensitive topic of a customer's message, or null: crisis (self-harm,
 * suicide) before bereavement, medical, legal, payment trouble, complaint and
 * cancellation. Deterministic word rules from `topic-lexicon.json`, no model.
 *
 * Known limits (keyword rules): negation and retraction are not understood ("I'm not
 * suicidal", "cancel? no, just change the date" still match), so a match means "a
 * person should look", never "the customer said so". Crisis rules lean towards
 * recall: hyperbole ("ik ben nog liever dood dan klant bij jullie") counts as crisis.
 */
export function detectSensitiveTopic(text: string, locale?: string | null, lexicon: CompiledLexicon = TOPIC_LEXICON): SensitiveTopicResult {
  const [first] = detectSensitiveTopics(text, locale, lexicon);
  if (!first) return { topic: null, reason: 'no sensitive-topic rule matched', ruleId: null };
  return { topic: first.topic, reason: `${first.topic}: rule ${first.ruleId} matched`, ruleId: first.ruleId };
}
