/**
 * Splits an article body (plain text or Markdown) into passages of at most `maxChars`:
 * paragraphs are kept whole when they fit, joined while they fit, and a long paragraph
 * is cut at sentence ends. Markdown headings start a new passage.
 */
export function chunkText(body: string, maxChars = 700): string[] {
  const paragraphs = body
    .replace(/\r\n/g, '\n')
    .split(/\n\s*\n|\n(?=#{1,6}\s)/)
    .map((p) => p.replace(/^#{1,6}\s+/, '').replace(/\s+/g, ' ').trim())
    .filter((p) => p.length > 0);
  const pieces: string[] = [];
  for (const paragraph of paragraphs) {
    if (paragraph.length <= maxChars) {
      pieces.push(paragraph);
      continue;
    }
    let current = '';
    for (const sentence of paragraph.split(/(?<=[.!?])\s+/)) {
      if (current && current.length + 1 + sentence.length > maxChars) {
        pieces.push(current);
        current = '';
      }
      current = current ? `${current} ${sentence}` : sentence.slice(0, maxChars);
    }
    if (current) pieces.push(current);
  }
  const chunks: string[] = [];
  for (const piece of pieces) {
    const last = chunks[chunks.length - 1];
    if (last !== undefined && last.length + 1 + piece.length <= maxChars / 2) chunks[chunks.length - 1] = `${last} ${piece}`;
    else chunks.push(piece);
  }
  return chunks;
}

/** Title and body of a Markdown document: the first `# ` heading is the title. */
export function parseMarkdownArticle(markdown: string): { title: string; body: string } | null {
  const text = markdown.replace(/\r\n/g, '\n').trim();
  const match = /^#\s+(.+)$/m.exec(text);
  if (!match) return null;
  const body = text.replace(match[0], '').trim();
  return body ? { title: match[1]!.trim(), body } : null;
}
