import { z } from 'zod';
import rawRules from './human-claim-rules.json';
import { splitSentences, tokenIndexAt, type GuardSentence } from './guard-text';

/**
 * Finds an AI draft that claims to be a human (or denies being an AI), or that gives
 * itself a human name (R03, R05). The word lists and patterns live in
 * `human-claim-rules.json`; this file compiles them and applies the vetoes that a regular
 * expression cannot express well (questions, "whether I am…", capitalised names).
 */

export type HumanClaimReason = 'claims_human' | 'human_persona_name';

export interface HumanClaimFinding {
  readonly reason: HumanClaimReason;
  /** The rule that fired: a claim id, 'name-strong', 'name-weak' or 'name-sign-off'. */
  readonly ruleId: string;
}

const LIST_NAMES = [
  'SELF_IS', 'SELF', 'INTENS', 'DET', 'NEG', 'NEG_SOFTENER', 'HUMAN_ADJ', 'HUMAN_NOUN', 'NOT_AFTER_HUMAN', 'AI_NOUN',
  'AI_NOUN_TAIL', 'NOT_AFTER_AI', 'GAP_STOP', 'CONDITIONAL', 'FUTURE_OR_CONDITION', 'INTERJ', 'PLACE', 'WORKPLACE',
  'AI_MARKER',
] as const;
type ListName = (typeof LIST_NAMES)[number];

const wordList = z.array(z.string().min(1)).min(1);
const rulesSchema = z.object({
  $comment: z.array(z.string()).optional(),
  lists: z.object(Object.fromEntries(LIST_NAMES.map((name) => [name, wordList])) as Record<ListName, typeof wordList>).strict(),
  claims: z
    .array(z.object({ id: z.string().min(1), pattern: z.string().min(1), unlessSentenceHas: z.enum(LIST_NAMES).optional() }).strict())
    .min(1),
  names: z
    .object({
      strongIntros: wordList,
      weakPatterns: z.array(z.string().refine((p) => p.split('{NAME}').length === 2, 'a weak pattern needs exactly one {NAME}')).min(1),
      signOffs: z.object({ firm: wordList, onOwnLineOnly: wordList }).strict(),
      nameStop: wordList,
      firstNames: wordList,
    })
    .strict(),
}).strict();

export type HumanClaimRules = z.infer<typeof rulesSchema>;

interface CompiledClaim {
  readonly id: string;
  readonly regex: RegExp;
  readonly unless: RegExp | undefined;
}

interface CompiledRules {
  readonly claims: readonly CompiledClaim[];
  readonly strongIntro: RegExp;
  readonly weakIntros: readonly RegExp[];
  readonly conditional: ReadonlySet<string>;
  readonly aiMarkers: ReadonlySet<string>;
  readonly nameStop: ReadonlySet<string>;
  readonly firstNames: ReadonlySet<string>;
  readonly firmSignOff: RegExp;
  readonly anySignOff: RegExp;
}

const WORD_START = '(?<![a-z0-9])';
const WORD_END = '(?![a-z0-9])';

function alternation(entries: readonly string[]): string {
  // Longest first, so "human beings?" is tried before "humans?".
  return `(?:${[...entries].sort((a, b) => b.length - a.length).join('|')})`;
}

function expand(pattern: string, lists: HumanClaimRules['lists']): string {
  const gap = `(?:(?!${alternation(lists.GAP_STOP)}${WORD_END})[a-z0-9]+)`;
  return pattern.replace(/\{([A-Z_]+)\}/g, (whole, name: string) => {
    if (name === 'GAP') return gap;
    if (name === 'NAME') return '(?<name>[a-z0-9]+)';
    if ((LIST_NAMES as readonly string[]).includes(name)) return alternation(lists[name as ListName]);
    throw new Error(`human-claim-rules.json: unknown placeholder ${whole}`);
  });
}

function wordRegex(source: string, flags: string): RegExp {
  return new RegExp(`${WORD_START}(?:${source})${WORD_END}`, flags);
}

/** Validates and compiles a rule set; throws on an unknown placeholder or a bad pattern. */
export function compileHumanClaimRules(input: unknown): CompiledRules {
  const rules = rulesSchema.parse(input);
  const { lists, names } = rules;
  const claims = rules.claims.map((claim) => ({
    id: claim.id,
    regex: wordRegex(expand(claim.pattern, lists), 'gd'),
    unless: claim.unlessSentenceHas ? wordRegex(alternation(lists[claim.unlessSentenceHas]), '') : undefined,
  }));
  const signOff = (entries: readonly string[]) => new RegExp(`^${alternation(entries)}(?: ,)?$`);
  return {
    claims,
    strongIntro: wordRegex(`${alternation(names.strongIntros)} (?<name>[a-z0-9]+)`, 'gd'),
    weakIntros: names.weakPatterns.map((p) => wordRegex(expand(p, lists), 'gd')),
    conditional: new Set(lists.CONDITIONAL),
    aiMarkers: new Set(lists.AI_MARKER),
    nameStop: new Set(names.nameStop),
    firstNames: new Set(names.firstNames),
    firmSignOff: new RegExp(`^${alternation(names.signOffs.firm)}(?: ,)? `),
    anySignOff: signOff([...names.signOffs.firm, ...names.signOffs.onOwnLineOnly]),
  };
}

const RULES = compileHumanClaimRules(rawRules);

/** Every finding in the draft (empty when it makes no human claim). */
export function findHumanClaims(text: string, rules: CompiledRules = RULES): HumanClaimFinding[] {
  const sentences = splitSentences(text);
  const findings: HumanClaimFinding[] = [];
  for (const sentence of sentences) {
    for (const claim of rules.claims) {
      if (claimMatches(sentence, claim, rules)) findings.push({ reason: 'claims_human', ruleId: claim.id });
    }
    if (introducesName(sentence, rules.strongIntro, rules, false)) findings.push({ reason: 'human_persona_name', ruleId: 'name-strong' });
    if (rules.weakIntros.some((regex) => introducesName(sentence, regex, rules, true))) {
      findings.push({ reason: 'human_persona_name', ruleId: 'name-weak' });
    }
  }
  if (signsWithName(sentences, rules)) findings.push({ reason: 'human_persona_name', ruleId: 'name-sign-off' });
  return findings;
}

function claimMatches(sentence: GuardSentence, claim: CompiledClaim, rules: CompiledRules): boolean {
  if (claim.unless?.test(sentence.text)) return false;
  const lastClauseStart = lastIndexOfComma(sentence) + 1;
  for (const match of sentence.text.matchAll(claim.regex)) {
    let first = tokenIndexAt(sentence, match.index);
    if (sentence.tokens[first]?.norm === ',') first++;
    const before = sentence.tokens[first - 1]?.norm;
    // "Je vraagt of ik een mens ben", "You asked whether I'm a person": not a claim.
    if (before !== undefined && rules.conditional.has(before)) continue;
    // "Ben ik een mens? Nee, …": the last clause of a question asks, it does not claim.
    if (sentence.question && first >= lastClauseStart) continue;
    return true;
  }
  return false;
}

function lastIndexOfComma(sentence: GuardSentence): number {
  for (let i = sentence.tokens.length - 1; i >= 0; i--) if (sentence.tokens[i]!.norm === ',') return i;
  return -1;
}

function introducesName(sentence: GuardSentence, regex: RegExp, rules: CompiledRules, mustBeKnownName: boolean): boolean {
  for (const match of sentence.text.matchAll(regex)) {
    const nameStart = match.indices?.groups?.['name']?.[0];
    if (nameStart === undefined) continue;
    if (isHumanName(sentence, tokenIndexAt(sentence, nameStart), rules, mustBeKnownName)) return true;
  }
  return false;
}

/**
 * A capitalised word that is not a common word, does not itself mark an AI ("Pegabot",
 * "AIda", "ChatGPT") and is not followed, in the same clause, by a word that does
 * ("Voorbeeldstad's AI assistant"). Weak introductions also need a known first name.
 */
function isHumanName(sentence: GuardSentence, index: number, rules: CompiledRules, mustBeKnownName: boolean): boolean {
  const token = sentence.tokens[index];
  if (!token || token.norm === ',') return false;
  if (!/^\p{Lu}/u.test(token.raw)) return false;
  if (rules.nameStop.has(token.norm)) return false;
  if (mustBeKnownName && !rules.firstNames.has(token.norm)) return false;
  if (marksAi(token.raw, token.norm, rules)) return false;
  for (let i = index + 1; i <= index + 3 && i < sentence.tokens.length; i++) {
    const next = sentence.tokens[i]!;
    if (next.norm === ',') break;
    if (marksAi(next.raw, next.norm, rules)) return false;
  }
  return true;
}

function marksAi(raw: string, norm: string, rules: CompiledRules): boolean {
  if (rules.aiMarkers.has(norm)) return true;
  // "bot"/"GPT" anywhere ("Pegabot", "ChatGPT"); "AI" in capitals inside a mixed-case
  // word ("AIda", "PegaAI"), not in an all-capitals word ("SAIDA").
  return /bot|gpt/i.test(raw) || (/AI/.test(raw) && raw !== raw.toUpperCase());
}

/**
 * A human name signed under the message, in its last three sentences: "Groetjes, Fleur",
 * "Met vriendelijke groet,\nMarloes\nKlantenservice", "Cheers,\nJake". Thanks-like closings
 * ("Bedankt, Tom!") only count with the name on its own line, because they also address
 * the customer.
 */
function signsWithName(sentences: readonly GuardSentence[], rules: CompiledRules): boolean {
  const from = Math.max(0, sentences.length - 3);
  for (let i = from; i < sentences.length; i++) {
    const sentence = sentences[i]!;
    const inline = rules.firmSignOff.exec(sentence.text);
    if (inline && isNamePhrase(sentence, tokenIndexAt(sentence, inline[0].length), rules)) return true;
    const next = sentences[i + 1];
    if (next && rules.anySignOff.test(sentence.text) && isNamePhrase(next, 0, rules)) return true;
  }
  return false;
}

/** The rest of the sentence, from `index`, is a short signature that starts with a first name. */
function isNamePhrase(sentence: GuardSentence, index: number, rules: CompiledRules): boolean {
  const words = sentence.tokens.slice(index).filter((t) => t.norm !== ',');
  if (words.length === 0 || words.length > 6) return false;
  if (words.some((w) => marksAi(w.raw, w.norm, rules))) return false;
  const first = words[0]!;
  return /^\p{Lu}/u.test(first.raw) && rules.firstNames.has(first.norm);
}
