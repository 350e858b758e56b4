/**
 * Turns the words of a clause into tokens tagged with their word classes from the
 * lexicon: phrases first (longest match), then single words, then a small typo
 * tolerance on key words ("medwerker", "agnet", "humam", "doorverbnden").
 */
import { LEXICON, LOCALE_EXCLUSIONS, NOT_TYPOS, type WordClass } from './lexicon';
import { editDistance, isTransposition, squeeze } from './text-normalisation';

export interface Token {
  /** The normalised word or phrase ("medewerker", "aan de lijn"). */
  readonly text: string;
  readonly classes: ReadonlySet<WordClass>;
  /** Found by typo tolerance, not by an exact lexicon entry. */
  readonly fuzzy: boolean;
}

interface Phrase {
  readonly words: readonly string[];
  readonly classes: Set<WordClass>;
}

const SINGLE_WORDS = new Map<string, Set<WordClass>>();
const PHRASES_BY_FIRST_WORD = new Map<string, Phrase[]>();

for (const [cls, entries] of Object.entries(LEXICON) as [WordClass, readonly string[]][]) {
  for (const entry of entries) {
    const words = entry.split(' ');
    if (words.length === 1) {
      const classes = SINGLE_WORDS.get(entry) ?? new Set<WordClass>();
      classes.add(cls);
      SINGLE_WORDS.set(entry, classes);
      continue;
    }
    const list = PHRASES_BY_FIRST_WORD.get(words[0]) ?? [];
    const existing = list.find((p) => p.words.join(' ') === entry);
    if (existing) existing.classes.add(cls);
    else list.push({ words, classes: new Set<WordClass>([cls]) });
    PHRASES_BY_FIRST_WORD.set(words[0], list);
  }
}
for (const list of PHRASES_BY_FIRST_WORD.values()) list.sort((a, b) => b.words.length - a.words.length);

/**
 * Classes a misspelt word may be corrected to, most conservative first: on a tie a
 * typo counts as a non-target or plural rather than as a person to talk to.
 */
const FUZZY_CLASSES: readonly WordClass[] = [
  'nonTarget', 'personPlural', 'nobody', 'person', 'someone', 'transfer', 'callback', 'contact',
  'real', 'bot', 'botWeak', 'cue', 'polite',
];

interface FuzzyEntry {
  readonly word: string;
  readonly squeezed: string;
  readonly classes: ReadonlySet<WordClass>;
  readonly rank: number;
}

const FUZZY_ENTRIES: FuzzyEntry[] = [];
for (const [word, classes] of SINGLE_WORDS) {
  if (word.length < 4 || /\d/.test(word)) continue;
  const ranks = FUZZY_CLASSES.map((c, i) => (classes.has(c) ? i : -1)).filter((i) => i >= 0);
  if (ranks.length === 0) continue;
  FUZZY_ENTRIES.push({ word, squeezed: squeeze(word), classes, rank: Math.min(...ranks) });
}

const NOT_TYPO_SET = new Set(NOT_TYPOS);
const FUZZY_CACHE = new Map<string, FuzzyEntry | null>();
const FUZZY_CACHE_LIMIT = 10_000;

/** Four letters or fewer: only a swapped pair or doubled letters (see `within`). */
function allowedDistance(entry: string): number {
  return entry.length >= 10 ? 2 : 1;
}

/** Distance between a word and a key word if within what that key word allows, else 99. */
function within(word: string, key: string): number {
  if (key.length <= 4) return isTransposition(word, key) ? 1 : 99;
  const max = allowedDistance(key);
  const distance = editDistance(word, key, max);
  return distance > max ? 99 : distance;
}

function fuzzyLookup(word: string): FuzzyEntry | null {
  if (word.length < 4 || /\d/.test(word) || NOT_TYPO_SET.has(word)) return null;
  const cached = FUZZY_CACHE.get(word);
  if (cached !== undefined) return cached;
  const squeezedWord = squeeze(word);
  let best: FuzzyEntry | null = null;
  let bestDistance = Number.POSITIVE_INFINITY;
  for (const entry of FUZZY_ENTRIES) {
    const sameStart = word[0] === entry.word[0] || (word[0] === entry.word[1] && word[1] === entry.word[0]);
    if (!sameStart) continue;
    let distance: number;
    if (squeezedWord === entry.squeezed) distance = 0;
    else {
      distance = Math.min(within(word, entry.word), within(squeezedWord, entry.squeezed));
      if (distance > 2) continue;
    }
    if (distance < bestDistance || (distance === bestDistance && best !== null && entry.rank < best.rank)) {
      best = entry;
      bestDistance = distance;
    }
  }
  if (FUZZY_CACHE.size >= FUZZY_CACHE_LIMIT) FUZZY_CACHE.clear();
  FUZZY_CACHE.set(word, best);
  return best;
}

const EMPTY = new Set<WordClass>();

/** The language part of a locale ("nl-NL" -> "nl"), or undefined. */
export function languageOf(locale: string | undefined): string | undefined {
  const lang = locale?.trim().toLowerCase().split(/[-_]/)[0];
  return lang && lang.length > 0 ? lang : undefined;
}

export function tagWords(words: readonly string[], locale?: string): Token[] {
  const excluded = new Set(LOCALE_EXCLUSIONS[languageOf(locale) ?? ''] ?? []);
  const tokens: Token[] = [];
  let i = 0;
  while (i < words.length) {
    const word = words[i];
    const phrase = (PHRASES_BY_FIRST_WORD.get(word) ?? []).find((p) =>
      p.words.every((w, k) => words[i + k] === w),
    );
    if (phrase) {
      tokens.push({ text: phrase.words.join(' '), classes: phrase.classes, fuzzy: false });
      i += phrase.words.length;
      continue;
    }
    const exact = SINGLE_WORDS.get(word);
    if (exact) {
      let classes: ReadonlySet<WordClass> = exact;
      if (excluded.has(word) && exact.has('person')) {
        const copy = new Set(exact);
        copy.delete('person');
        classes = copy;
      }
      tokens.push({ text: word, classes, fuzzy: false });
    } else {
      const guess = fuzzyLookup(word);
      tokens.push({ text: word, classes: guess?.classes ?? EMPTY, fuzzy: guess !== null });
    }
    i += 1;
  }
  return tokens;
}
