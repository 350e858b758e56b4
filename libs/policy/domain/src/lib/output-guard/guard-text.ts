/**
 * Sentences and word tokens of an AI draft, in the normal form the human-claim rules read:
 * lower case, no accents, no apostrophes ("I'm" → "im"), words of [a-z0-9], and ',' as a
 * token of its own for , ; : ( ) [ ] and spaced dashes. Each token keeps its raw spelling,
 * so a rule can ask whether a word was written with a capital (a name).
 */

export interface GuardToken {
  /** As written ("Sanne", "I'm"). ',' for a clause separator. */
  readonly raw: string;
  /** Normal form ("sanne", "im"), or ','. */
  readonly norm: string;
}

export interface GuardSentence {
  readonly tokens: readonly GuardToken[];
  /** The normal forms joined by one space: what the rules' regular expressions run on. */
  readonly text: string;
  /** Offset in `text` where each token starts. */
  readonly starts: readonly number[];
  /** The sentence ended with a question mark. */
  readonly question: boolean;
}

/** Characters that hide between letters ("hu\u200bman") and are dropped before matching. */
const INVISIBLE = /[\u00AD\u180E\u200B-\u200F\u202A-\u202E\u2060-\u2064\uFEFF]/g;

/** Sentence ends: . ! ? … followed by a space or the end, line breaks, and emoji. */
const SENTENCE_END = /([.!?…]+(?=[\s"'”’)\]*_]|$)|\n+|\p{Extended_Pictographic}(?:[\u{1F3FB}-\u{1F3FF}\uFE0F\u200D]|\p{Extended_Pictographic})*)/u;

/** A word (letters and digits, with inner apostrophes) or a clause separator. */
const TOKEN = /[\p{L}\p{N}]+(?:['’ʼ`´][\p{L}\p{N}]+)*|[,;:()[\]{}|]|(?<=\s|^)[-–—]+(?=\s|$)/gu;

export function removeInvisible(text: string): string {
  return text.replace(INVISIBLE, '');
}

/** Lower case, accents and apostrophes off, only [a-z0-9] left ("Zoë" → "zoe", "I’m" → "im"). */
export function normaliseWord(raw: string): string {
  return raw
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '');
}

export function splitSentences(text: string): GuardSentence[] {
  const parts = removeInvisible(text).split(SENTENCE_END);
  const sentences: GuardSentence[] = [];
  // split() with one capturing group alternates content and delimiter.
  for (let i = 0; i < parts.length; i += 2) {
    const sentence = toSentence(parts[i] ?? '', (parts[i + 1] ?? '').includes('?'));
    if (sentence) sentences.push(sentence);
  }
  return sentences;
}

function toSentence(content: string, question: boolean): GuardSentence | undefined {
  const tokens: GuardToken[] = [];
  for (const match of content.matchAll(TOKEN)) {
    const raw = match[0];
    const isWord = /[\p{L}\p{N}]/u.test(raw);
    if (!isWord) {
      // One ',' between words; none at the start or after another ','.
      if (tokens.length > 0 && tokens[tokens.length - 1]!.norm !== ',') tokens.push({ raw: ',', norm: ',' });
      continue;
    }
    const norm = normaliseWord(raw);
    if (norm.length > 0) tokens.push({ raw, norm });
  }
  while (tokens.length > 0 && tokens[tokens.length - 1]!.norm === ',') tokens.pop();
  if (tokens.length === 0) return undefined;
  const starts: number[] = [];
  let offset = 0;
  for (const token of tokens) {
    starts.push(offset);
    offset += token.norm.length + 1;
  }
  return { tokens, text: tokens.map((t) => t.norm).join(' '), starts, question };
}

/** Index of the token that starts at or covers `offset` in `sentence.text`. */
export function tokenIndexAt(sentence: GuardSentence, offset: number): number {
  let index = 0;
  while (index + 1 < sentence.starts.length && sentence.starts[index + 1]! <= offset) index++;
  return index;
}
