/**
 * Links in an AI draft, and their removal when they are not one of the knowledge sources'
 * own URLs (R13: no links except the passages'). Recognised: markdown links and images
 * `[text](url)` / `![alt](url)` (any scheme, so also `javascript:`), `<https://…>`,
 * bare `http(s)://…` and `www.…`, and bare domains with a common top-level domain and an
 * optional path (`voorbeeldstad-betalen.com/pay`, `bit.ly/x`). E-mail addresses are not links.
 */

export interface LinkSpan {
  readonly start: number;
  readonly end: number;
  /** The link target as written. */
  readonly target: string;
  /**
   * What replaces the link when it is not allowed: a markdown link's text; '' for an
   * image; undefined for a bare link (the caller's placeholder goes there).
   */
  readonly fallback: string | undefined;
}

const MARKDOWN_LINK = /(!?)\[([^\]\n]{0,500})\]\(\s*<?((?:[^()\s<>]|\([^()\s]*\))+)>?(?:\s+(?:"[^"\n]*"|'[^'\n]*'))?\s*\)/g;
const ANGLE_LINK = /<((?:https?:\/\/|www\.)[^\s<>]+)>/gi;
const URL_LIKE = /(?:\bhttps?:\/\/|(?<![\p{L}\p{N}@.\-/])www\.)[^\s<>"'`\]\[)(}{]+/giu;
const TRAILING_PUNCTUATION = /[.,;:!?'"…]+$/;
/** Top-level domains a bare domain must end with; short on purpose (fewer false links). */
const BARE_DOMAIN =
  /(?<![\p{L}\p{N}@.\-/_])(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+(?:com|net|org|info|biz|nl|be|de|eu|uk|fr|io|co|me|ly|app|xyz|top|online|site|shop|store|click|link|live|today|ru|cn|tk|ml|ga|cf|gq|icu|cc|ws|gl|to)(?::\d{2,5})?(?:\/[^\s<>"'`\]\[)(}{]*)?(?![\p{L}\p{N}@\-_])/giu;

function mask(text: string, spans: readonly LinkSpan[]): string {
  let masked = text;
  for (const span of spans) masked = masked.slice(0, span.start) + ' '.repeat(span.end - span.start) + masked.slice(span.end);
  return masked;
}

function containsUrl(text: string): boolean {
  return new RegExp(URL_LIKE.source, 'iu').test(text) || new RegExp(BARE_DOMAIN.source, 'iu').test(text);
}

/** Every link in the text, in order of appearance, without overlaps. */
export function findLinks(text: string): LinkSpan[] {
  const spans: LinkSpan[] = [];
  for (const m of text.matchAll(MARKDOWN_LINK)) {
    const isImage = m[1] === '!';
    const label = (m[2] ?? '').trim();
    const fallback = isImage || containsUrl(label) ? '' : label;
    spans.push({ start: m.index, end: m.index + m[0].length, target: m[3] ?? '', fallback });
  }
  for (const regex of [ANGLE_LINK, URL_LIKE, BARE_DOMAIN]) {
    const masked = mask(text, spans);
    for (const m of masked.matchAll(regex)) {
      const isAngle = regex === ANGLE_LINK;
      const target = isAngle ? (m[1] ?? '') : m[0].replace(TRAILING_PUNCTUATION, '');
      if (target.length === 0) continue;
      const end = isAngle ? m.index + m[0].length : m.index + target.length;
      spans.push({ start: m.index, end, target, fallback: undefined });
    }
  }
  return spans.sort((a, b) => a.start - b.start);
}

/**
 * The targets of the links in a text, as written: for building `allowedUrls` from the
 * passages the model saw (their own URL and the links inside their text).
 */
export function findLinkTargets(text: string): string[] {
  return findLinks(text).map((link) => link.target);
}

/**
 * The form two links are compared in: host in lower case without "www.", no default port,
 * path without trailing slashes, query kept, fragment and scheme (http/https) dropped.
 * Links with user info (`https://bank.nl@evil.example`) never compare equal to anything.
 * Other schemes (mailto:, tel:) compare as written, in lower case.
 */
export function linkKey(target: string): string | undefined {
  const trimmed = target.trim();
  const hasScheme = /^[a-z][a-z0-9+.-]*:/i.test(trimmed) && !/^[^:/]+:\d/.test(trimmed);
  let url: URL;
  try {
    url = new URL(hasScheme ? trimmed : `https://${trimmed}`);
  } catch {
    return undefined;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return trimmed.toLowerCase();
  if (url.username || url.password) return undefined;
  const host = url.hostname.toLowerCase().replace(/\.$/, '').replace(/^www\./, '');
  const port = url.port ? `:${url.port}` : '';
  const path = url.pathname.replace(/\/+$/, '');
  return `${host}${port}${path}${url.search}`;
}

export interface LinkRewrite {
  readonly text: string;
  readonly removed: number;
}

/** Marks where a link was removed, so only those lines are tidied. */
const REMOVED = '\u0000';

/**
 * Keys of the allowed URLs, plus the bare home page of each of their sites: a draft may
 * say "voorbeeldstad.nl" when a passage links to a page on it.
 */
function allowedKeys(allowedUrls: readonly string[]): Set<string> {
  const keys = new Set<string>();
  for (const url of allowedUrls) {
    const key = linkKey(url);
    if (key === undefined) continue;
    keys.add(key);
    if (/^[a-z]+:/.test(key)) continue; // mailto:, tel:
    keys.add(key.split(/[/?]/, 1)[0]!);
  }
  return keys;
}

/**
 * Removes every link whose key is not among the allowed URLs' keys: a markdown link keeps
 * its text, an image goes, a bare link becomes `placeholder` ("(link removed)") so the
 * sentence still reads ("You can pay at (link removed)."); a bare link that stood alone in
 * brackets goes with its brackets. Then tidies the lines it touched.
 */
export function removeDisallowedLinks(text: string, allowedUrls: readonly string[], placeholder: string): LinkRewrite {
  const allowed = allowedKeys(allowedUrls);
  const spans = findLinks(text).filter((span) => {
    const key = linkKey(span.target);
    return key === undefined || !allowed.has(key);
  });
  if (spans.length === 0) return { text, removed: 0 };
  let result = '';
  let cursor = 0;
  for (const span of spans) {
    let { start, end } = span;
    let replacement = span.fallback;
    if (replacement === undefined) {
      const bracketed = /\(\s*$/.test(text.slice(cursor, start)) && /^\s*\)/.test(text.slice(end));
      if (bracketed) {
        start = text.lastIndexOf('(', start);
        end = text.indexOf(')', end) + 1;
      }
      replacement = bracketed ? '' : placeholder;
    }
    result += text.slice(cursor, start) + REMOVED + replacement;
    cursor = end;
  }
  result += text.slice(cursor);
  return { text: tidy(result), removed: spans.length };
}

/**
 * Cleans up, on the lines where a link was removed, what the link left behind: empty
 * brackets, double spaces, a space before punctuation; a line left with nothing but
 * punctuation or a bullet goes. Other lines stay exactly as written.
 */
function tidy(text: string): string {
  const lines: string[] = [];
  for (const line of text.split('\n')) {
    if (!line.includes(REMOVED)) {
      lines.push(line);
      continue;
    }
    const cleaned = line
      .replaceAll(REMOVED, '')
      .replace(/\(\s*\)|\[\s*\]|<\s*>/g, '')
      .replace(/[ \t]{2,}/g, ' ')
      .replace(/[ \t]+([.,;:!?…)])/g, '$1')
      .replace(/([(\[])[ \t]+/g, '$1')
      .replace(/^([ \t]*)[,;:][ \t]*/, '$1')
      .trimEnd();
    if (!/^[\s\-*•.,;:!?]*$/.test(cleaned)) lines.push(cleaned);
  }
  return lines.join('\n').replace(/\n{3,}/g, '\n\n').trim();
}
