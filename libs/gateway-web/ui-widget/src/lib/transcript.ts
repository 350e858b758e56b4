import type { MessageBody } from '@pegamento/contracts';
import { INTL_LOCALE, type Texts, type UiLocale } from '../i18n/i18n';
import { authorLabel } from './messages';

/** One line per message: `[29-11-2026 10:03] AI assistant: text` (time in the reader's time zone). */
export function transcriptLines(messages: readonly MessageBody[], texts: Texts, locale: UiLocale, timeZone?: string): string[] {
  const when = new Intl.DateTimeFormat(INTL_LOCALE[locale], {
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hour12: false,
    ...(timeZone ? { timeZone } : {}),
  });
  const at = (iso: string) => {
    const date = new Date(iso);
    return Number.isNaN(date.getTime()) ? iso : when.format(date);
  };
  return messages.map((m) => `[${at(m.createdAt)}] ${authorLabel(m.author, texts)}: ${m.text}`);
}

/** The downloadable transcript (.txt): a title line, then every message. CRLF line ends, for every editor. */
export function transcriptText(messages: readonly MessageBody[], texts: Texts, locale: UiLocale, timeZone?: string): string {
  return [texts['transcript.title'], '', ...transcriptLines(messages, texts, locale, timeZone)].join('\r\n') + '\r\n';
}

/** `gesprek-2026-11-29.txt` / `conversation-2026-11-29.txt`. */
export function transcriptFileName(texts: Texts, now: Date): string {
  const date = `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}-${String(now.getDate()).padStart(2, '0')}`;
  return `${texts['transcript.fileName']}-${date}.txt`;
}

export interface MailtoTranscript {
  href: string;
  /** Older messages were left out to fit maxLength; the body starts with a note that says so. */
  shortened: boolean;
}

/**
 * A `mailto:` link (no recipient: the customer's mail program asks) with the transcript
 * as body. When the URL would be longer than maxLength, the oldest messages are left out
 * and a note at the top says so and points to the download.
 */
export function mailtoTranscript(messages: readonly MessageBody[], texts: Texts, locale: UiLocale, maxLength: number, timeZone?: string): MailtoTranscript {
  const lines = transcriptLines(messages, texts, locale, timeZone);
  const prefix = `mailto:?subject=${encodeURIComponent(texts['transcript.subject'])}&body=`;
  const href = (body: string[]) => prefix + encodeURIComponent(body.join('\r\n'));
  const whole = href([texts['transcript.title'], '', ...lines]);
  if (whole.length <= maxLength) return { href: whole, shortened: false };
  // Keep the newest lines that fit after the note: each costs its encoded length plus an encoded CRLF.
  const newline = encodeURIComponent('\r\n').length;
  let length = prefix.length + encodeURIComponent(texts['transcript.shortened']).length + newline;
  let first = lines.length;
  while (first > 0) {
    const cost = newline + encodeURIComponent(lines[first - 1]!).length;
    if (length + cost > maxLength) break;
    length += cost;
    first--;
  }
  if (first < lines.length) return { href: href([texts['transcript.shortened'], '', ...lines.slice(first)]), shortened: true };
  // Not even the newest message fits: its start, cut on a character boundary.
  const newest = [...(lines[lines.length - 1] ?? '')];
  const cut = (chars: string[]) => href([texts['transcript.shortened'], '', `${chars.join('')}…`]);
  let low = 0;
  let high = newest.length;
  while (low < high) {
    const mid = Math.ceil((low + high) / 2);
    if (cut(newest.slice(0, mid)).length <= maxLength) low = mid;
    else high = mid - 1;
  }
  return { href: low > 0 ? cut(newest.slice(0, low)) : href([texts['transcript.shortened']]), shortened: true };
}
