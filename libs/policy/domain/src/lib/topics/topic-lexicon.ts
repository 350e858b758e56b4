import { z } from 'zod';
import rawLexicon from './topic-lexicon.json';

/** Topics a person should handle or watch, most sensitive first. */
export const SENSITIVE_TOPICS = ['crisis', 'bereavement', 'medical', 'legal', 'payment_trouble', 'complaint', 'cancellation'] as const;
export type SensitiveTopic = (typeof SENSITIVE_TOPICS)[number];

const patternSchema = z.string().min(1);
const ruleSchema = z.object({
  id: z.string().min(1),
  locale: z.enum(['nl', 'en']),
  pattern: patternSchema,
  onlyInLocale: z.enum(['nl', 'en']).optional(),
});
const topicRulesSchema = z.object({ neutralise: z.array(patternSchema), rules: z.array(ruleSchema).min(1) });
const weightSchema = z.number().gt(0).lt(1);

const lexiconSchema = z.object({
  priority: z
    .array(z.enum(SENSITIVE_TOPICS))
    .refine((p) => p.length === SENSITIVE_TOPICS.length && new Set(p).size === p.length, 'priority must list every topic once'),
  topics: z.object(Object.fromEntries(SENSITIVE_TOPICS.map((topic) => [topic, topicRulesSchema])) as Record<SensitiveTopic, typeof topicRulesSchema>),
  frustration: z.object({
    shouting: z.object({ weight: weightSchema, minLetters: z.number().int().positive(), minWords: z.number().int().positive(), minUpperRatio: z.number().gt(0).lte(1) }),
    punctuation: z.array(z.object({ id: z.string().min(1), weight: weightSchema, pattern: patternSchema })),
    neutralise: z.array(patternSchema),
    signals: z.array(z.object({ id: z.string().min(1), weight: weightSchema, pattern: patternSchema })).min(1),
  }),
});

/**
 * Lower case, accents off ("suïcidaal" → "suicidaal", "beëindigen" → "beeindigen"),
 * curly quotes straight, one space between words: the form the lexicon's patterns read.
 */
export function normaliseForMatching(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[\u2018\u2019\u201A\u201B\u0060\u00B4]/g, "'")
    .replace(/[\u201C\u201D\u201E\u201F]/g, '"')
    .replace(/\s+/g, ' ')
    .trim();
}

/** A lexicon pattern, wrapped so it only matches whole words (or word beginnings with [a-z]*). */
function wordPattern(source: string, flags = 'u'): RegExp {
  return new RegExp(`(?<![\\p{L}\\p{N}])(?:${source})(?![\\p{L}\\p{N}])`, flags);
}

export interface CompiledRule {
  id: string;
  locale: 'nl' | 'en';
  onlyInLocale: 'nl' | 'en' | undefined;
  regex: RegExp;
}

export interface CompiledTopicRules {
  topic: SensitiveTopic;
  neutralise: RegExp[];
  rules: CompiledRule[];
}

export interface CompiledSignal {
  id: string;
  weight: number;
  regex: RegExp;
}

export interface CompiledLexicon {
  /** In order of priority. */
  topics: CompiledTopicRules[];
  frustration: {
    shouting: { weight: number; minLetters: number; minWords: number; minUpperRatio: number };
    punctuation: CompiledSignal[];
    neutralise: RegExp[];
    signals: CompiledSignal[];
  };
}

/** Validates and compiles a lexicon (the JSON file's shape); throws on a bad file or a bad pattern. */
export function compileLexicon(raw: unknown): CompiledLexicon {
  const lexicon = lexiconSchema.parse(raw);
  return {
    topics: lexicon.priority.map((topic) => ({
      topic,
      neutralise: lexicon.topics[topic].neutralise.map((p) => wordPattern(p, 'gu')),
      rules: lexicon.topics[topic].rules.map((r) => ({ id: r.id, locale: r.locale, onlyInLocale: r.onlyInLocale, regex: wordPattern(r.pattern) })),
    })),
    frustration: {
      shouting: lexicon.frustration.shouting,
      punctuation: lexicon.frustration.punctuation.map((s) => ({ id: s.id, weight: s.weight, regex: new RegExp(s.pattern, 'u') })),
      neutralise: lexicon.frustration.neutralise.map((p) => wordPattern(p, 'gu')),
      signals: lexicon.frustration.signals.map((s) => ({ id: s.id, weight: s.weight, regex: wordPattern(s.pattern) })),
    },
  };
}

/** The lexicon of `topic-lexicon.json`, compiled once. */
export const TOPIC_LEXICON: CompiledLexicon = compileLexicon(rawLexicon);

/** Blanks out idioms before the rules run ("doodmoe", "my phone died"). */
export function neutralise(text: string, patterns: readonly RegExp[]): string {
  return patterns.reduce((t, p) => t.replace(p, ' '), text);
}
