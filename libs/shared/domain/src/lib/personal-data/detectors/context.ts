/** The text just before `index` within the same sentence or line, at most `max` characters. */
export function before(text: string, index: number, max: number): string {
  const window = text.slice(Math.max(0, index - max), index);
  // Cut at a line break, or at ". ", "! ", "? " followed by a capital (an abbreviation
  // like "geb. 12" or "nr. 5" does not end the sentence).
  const cut = Math.max(window.lastIndexOf('\n'), ...[...window.matchAll(/[.!?]\s+(?=\p{Lu})/gu)].map((m) => m.index + m[0].length - 1));
  return cut >= 0 ? window.slice(cut + 1) : window;
}

/** The text just after `index` within the same sentence or line, at most `max` characters. */
export function after(text: string, index: number, max: number): string {
  const window = text.slice(index, index + max);
  const end = window.search(/\n|[.!?](?:\s|$)/);
  return end >= 0 ? window.slice(0, end) : window;
}
