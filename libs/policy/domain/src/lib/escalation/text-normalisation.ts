/**
 * Text normalisation and typo tolerance for the human-request detector: lower case,
 * no accents, no apostrophes, letter runs of three or more collapsed ("mensssss" ->
 * "mens"), split into clauses (at . ! ? ; : , and line breaks) and word tokens (emoji
 * and other symbols are dropped).
 */

export interface RawClause {
  readonly words: readonly string[];
  /** The clause ended with a question mark. */
  readonly question: boolean;
}

/** Longest input the detector reads; longer texts (quoted e-mail threads) are cut. */
export const MAX_INPUT_CHARS = 4_000;

const CLAUSE_SPLIT = /([.!?;:,\n\r()[\]"“”«»¿¡]+|\s[-–—]+\s)/u;

export function normaliseText(text: string): string {
  return text
    .slice(0, MAX_INPUT_CHARS)
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[’‘`´ʼ]/g, "'")
    .replace(/\bmen's\b/g, 'men')
    .replace(/'/g, '');
}

/** Collapses runs of three or more equal letters to one: "humannnn" -> "human". */
export function collapseRuns(word: string): string {
  for (let i = 2; i < word.length; i++) {
    if (word[i] === word[i - 1] && word[i] === word[i - 2]) return word.replace(/([a-z])\1{2,}/g, '$1');
  }
  return word;
}

/** Collapses every run of equal letters to one: "meedewerker" -> "medewerker". */
export function squeeze(word: string): string {
  return word.replace(/([a-z])\1+/g, '$1');
}

export function toWords(normalised: string): string[] {
  return normalised
    .split(/[^a-z0-9]+/)
    .filter((w) => w.length > 0)
    .map(collapseRuns);
}

/**
 * Run-on text without punctuation is cut into overlapping windows of this many words, so
 * the rules stay linear in the length of the message (a request is a few words long).
 */
export const MAX_CLAUSE_WORDS = 30;
const CLAUSE_OVERLAP_WORDS = 8;

export function splitClauses(text: string): RawClause[] {
  const parts = normaliseText(text).split(CLAUSE_SPLIT);
  const clauses: RawClause[] = [];
  // split() with a capturing group alternates text and delimiter.
  for (let i = 0; i < parts.length; i += 2) {
    const words = toWords(parts[i] ?? '');
    if (words.length === 0) continue;
    const question = (parts[i + 1] ?? '').includes('?');
    if (words.length <= MAX_CLAUSE_WORDS) {
      clauses.push({ words, question });
      continue;
    }
    const step = MAX_CLAUSE_WORDS - CLAUSE_OVERLAP_WORDS;
    for (let start = 0; start < words.length; start += step) {
      const end = Math.min(words.length, start + MAX_CLAUSE_WORDS);
      clauses.push({ words: words.slice(start, end), question: question && end === words.length });
      if (end === words.length) break;
    }
  }
  return clauses;
}

/**
 * Optimal-string-alignment distance (Damerau-Levenshtein with adjacent transpositions),
 * stopping early once it exceeds `max`. Returns `max + 1` when over the limit.
 */
export function editDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  if (a === b) return 0;
  const rows = a.length + 1;
  const cols = b.length + 1;
  let prevPrev: number[] = new Array<number>(cols).fill(0);
  let prev: number[] = Array.from({ length: cols }, (_, j) => j);
  for (let i = 1; i < rows; i++) {
    const current: number[] = new Array<number>(cols).fill(0);
    current[0] = i;
    let rowMin = current[0];
    for (let j = 1; j < cols; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let value = Math.min(prev[j] + 1, current[j - 1] + 1, prev[j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        value = Math.min(value, prevPrev[j - 2] + 1);
      }
      current[j] = value;
      if (value < rowMin) rowMin = value;
    }
    if (rowMin > max) return max + 1;
    prevPrev = prev;
    prev = current;
  }
  const result = prev[cols - 1];
  return result > max ? max + 1 : result;
}

/** Same letters, same length, one adjacent pair swapped ("wnat" / "want"). */
export function isTransposition(a: string, b: string): boolean {
  if (a.length !== b.length || a === b) return false;
  let i = 0;
  while (i < a.length && a[i] === b[i]) i++;
  return i + 1 < a.length && a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2);
}
