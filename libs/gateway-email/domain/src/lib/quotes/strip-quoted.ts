/**
 * What the customer wrote in a reply, without the earlier mail their client quoted
 * beneath (or above) it and without their signature. Recognised: `>` quoted lines, the
 * attribution line of common clients ("On … wrote:", "Op … schreef …:", "Am … schrieb …:",
 * "Le … a écrit :"), Outlook's "-----Original Message-----" / "-----Oorspronkelijk
 * bericht-----" and its "From:/Van:" header block after a separator line, and the
 * signature delimiter "-- ". When stripping would leave nothing, the text stays whole.
 */
const ATTRIBUTION = [
  /^on\b.{0,300}\bwrote:?\s*$/i,
  /^op\b.{0,300}\b(schreef|heeft|geschreven)\b.{0,100}:?\s*$/i,
  /^am\b.{0,300}\bschrieb\b.{0,100}:?\s*$/i,
  /^le\b.{0,300}\ba écrit\s*:?\s*$/i,
];
const ORIGINAL_MESSAGE = /^-{2,}\s*(original message|oorspronkelijk bericht|origineel bericht|forwarded message|doorgestuurd bericht|ursprüngliche nachricht)\s*-{2,}\s*$/i;
const OUTLOOK_HEADER = /^\*?(from|van|von|de)\s*:\*?\s+\S/i;
const HEADER_FOLLOWUP = /^\*?(sent|verzonden|gesendet|date|datum|to|aan|an|subject|onderwerp|betreff|cc)\s*:/i;
const SIGNATURE = /^--\s?$/;

export function stripQuotedReply(text: string): string {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  let end = lines.length;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!.trim();
    if (SIGNATURE.test(lines[i]!.trimEnd()) || ORIGINAL_MESSAGE.test(line)) {
      end = i;
      break;
    }
    // An attribution line may be wrapped over two lines by the client.
    const joined = i + 1 < lines.length ? `${line} ${lines[i + 1]!.trim()}` : line;
    if (ATTRIBUTION.some((re) => re.test(line)) || (line.length > 0 && !line.endsWith(':') && ATTRIBUTION.some((re) => re.test(joined)) && /:\s*$/.test(joined))) {
      end = i;
      break;
    }
    if (OUTLOOK_HEADER.test(line) && lines.slice(i + 1, i + 5).some((l) => HEADER_FOLLOWUP.test(l.trim()))) {
      end = i;
      // An underscore or dash rule right above the header block belongs to it.
      while (end > 0 && /^[_-]{5,}\s*$/.test(lines[end - 1]!.trim())) end--;
      break;
    }
  }
  const kept = lines
    .slice(0, end)
    .filter((l) => !/^\s*>/.test(l))
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
  return kept.length > 0 ? kept : text.trim();
}
