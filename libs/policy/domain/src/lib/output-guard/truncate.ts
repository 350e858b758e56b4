/**
 * Cuts a text to at most `maxLength` UTF-16 code units (String#length) at the end of a
 * sentence, and marks the cut with an ellipsis. SMS gets "..." because "…" is not in the
 * GSM-7 alphabet (one "…" would turn the whole message into UCS-2: 70 characters a part).
 */

const SENTENCE_END = /[.!?…](?=["'”’)\]]*(?:\s|$))["'”’)\]]*|\n/g;

export function ellipsisFor(channel: string): string {
  return channel === 'sms' ? '...' : '…';
}

export function truncateAtSentence(text: string, maxLength: number, ellipsis: string): string {
  if (text.length <= maxLength) return text;
  const suffix = ` ${ellipsis}`;
  const budget = maxLength - suffix.length;
  if (budget <= 0) return ellipsis.slice(0, Math.max(0, maxLength));
  let cut = -1;
  for (const match of text.matchAll(SENTENCE_END)) {
    const end = match.index + match[0].length;
    if (end > budget) break;
    if (text.slice(0, end).trim().length > 0) cut = end;
  }
  if (cut > 0) return `${text.slice(0, cut).trimEnd()}${suffix}`;
  // No sentence fits: cut at the last space (or hard), still with the ellipsis.
  const hard = text.slice(0, maxLength - ellipsis.length);
  const space = hard.search(/\s\S*$/);
  const head = (space > 0 ? hard.slice(0, space) : hard).trimEnd();
  return `${head}${ellipsis}`;
}
