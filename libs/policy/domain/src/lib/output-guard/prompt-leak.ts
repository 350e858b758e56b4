/**
 * Signs that a draft repeats the system prompt: the canary marker (in plain, spaced,
 * dotted, lower-case, reversed or base64 form, also inside a URL), or a run of
 * `OVERLAP_WORDS` consecutive words shared with the prompt.
 */

/** Shortest shared run of words that counts as repeating the prompt. */
export const OVERLAP_WORDS = 12;

/** Only letters and digits, lower case: "P G M-canary" → "pgmcanary". */
function compact(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '');
}

function toBase64(text: string): string {
  return btoa(String.fromCharCode(...new TextEncoder().encode(text)));
}

export function leaksCanary(text: string, canary: string): boolean {
  const marker = compact(canary);
  if (marker.length === 0) return false;
  const body = compact(text);
  if (body.includes(marker) || body.includes([...marker].reverse().join(''))) return true;
  // The random-looking part alone ("7f3e9a41"): a letters-and-digits chunk of 6+ characters.
  const chunks = canary.split(/[^A-Za-z0-9]+/).filter((c) => c.length >= 6 && /\d/.test(c) && /[a-z]/i.test(c));
  if (chunks.some((chunk) => body.includes(chunk.toLowerCase()))) return true;
  const noSpace = text.replace(/\s+/g, '');
  return [canary, canary.toLowerCase()].some((form) => noSpace.includes(toBase64(form).replace(/=+$/, '')));
}

function words(text: string): string[] {
  return text
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((w) => w.length > 0);
}

function nGrams(list: readonly string[], n: number): Set<string> {
  const grams = new Set<string>();
  for (let i = 0; i + n <= list.length; i++) grams.add(list.slice(i, i + n).join(' '));
  return grams;
}

// The prompt changes rarely (per tenant and language): keep the last one's n-grams.
let cachedPrompt: string | undefined;
let cachedGrams: ReadonlySet<string> = new Set();

function promptGrams(systemPrompt: string): ReadonlySet<string> {
  if (systemPrompt !== cachedPrompt) {
    cachedGrams = nGrams(words(systemPrompt), OVERLAP_WORDS);
    cachedPrompt = systemPrompt;
  }
  return cachedGrams;
}

export function overlapsPrompt(text: string, systemPrompt: string): boolean {
  const grams = promptGrams(systemPrompt);
  if (grams.size === 0) return false;
  const draft = words(text);
  for (let i = 0; i + OVERLAP_WORDS <= draft.length; i++) {
    if (grams.has(draft.slice(i, i + OVERLAP_WORDS).join(' '))) return true;
  }
  return false;
}
