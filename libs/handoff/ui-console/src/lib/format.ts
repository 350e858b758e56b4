import type { Translate } from './i18n';

const MINUTE = 60;
const HOUR = 3_600;
const DAY = 86_400;

/** A waiting or elapsed time as short text: "less than 1 min", "4 min", "1 h 5 min", "2 d 3 h". */
export function durationText(seconds: number, t: Translate): string {
  const s = Math.max(0, Math.floor(seconds));
  if (s < MINUTE) return t('time.lessThanMinute');
  if (s < HOUR) return t('time.minutes', { minutes: Math.floor(s / MINUTE) });
  if (s < DAY) return t('time.hoursMinutes', { hours: Math.floor(s / HOUR), minutes: Math.floor((s % HOUR) / MINUTE) });
  return t('time.days', { days: Math.floor(s / DAY), hours: Math.floor((s % DAY) / HOUR) });
}

/** A report duration: seconds under a minute as "42 s", longer ones as durationText. */
export function reportDurationText(seconds: number | null, t: Translate): string {
  if (seconds === null) return t('report.notAvailable');
  return seconds < MINUTE ? t('time.seconds', { seconds: Math.round(seconds) }) : durationText(seconds, t);
}

/** How long to wait after a 429, from its Retry-After seconds: "30 seconds", "1 minute", "15 minutes". */
export function retryAfterText(seconds: number, t: Translate): string {
  const s = Math.max(1, Math.ceil(seconds));
  if (s < MINUTE) return t('time.retrySeconds', { seconds: s });
  const minutes = Math.ceil(s / MINUTE);
  return minutes === 1 ? t('time.retryMinute') : t('time.retryMinutes', { minutes });
}

/** Retry-After as seconds: a number of seconds or an HTTP date; null when absent or unreadable. */
export function parseRetryAfter(header: string | null, now: number): number | null {
  if (!header) return null;
  if (/^\d+$/.test(header.trim())) return Number(header.trim());
  const at = Date.parse(header);
  return Number.isNaN(at) ? null : Math.max(0, Math.ceil((at - now) / 1_000));
}

/** Seconds waited now, from what the server said (waitingSeconds at fetchedAt) and the time since. */
export function waitedSeconds(waitingSeconds: number, fetchedAt: number, now: number): number {
  return waitingSeconds + Math.max(0, (now - fetchedAt) / 1_000);
}

/** A share 0..1 as a percentage in the console's language ("87.5%", "87,5%"); null stays n/a. */
export function percentText(share: number | null, lang: string, t: Translate): string {
  if (share === null) return t('report.notAvailable');
  return new Intl.NumberFormat(lang, { style: 'percent', maximumFractionDigits: 1 }).format(share);
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00.000Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** The report form's default: the last 30 days up to and including today (UTC dates). */
export function defaultPeriod(now: Date): { from: string; to: string } {
  const to = now.toISOString().slice(0, 10);
  return { from: addDays(to, -29), to };
}

export type PeriodResult = { ok: true; from: string; to: string } | { ok: false; error: 'report.missingDate' | 'report.invalidPeriod' };

/**
 * The report's query from two form dates (YYYY-MM-DD, "to" inclusive): from the start of
 * the first day to the start of the day after the last, in UTC.
 */
export function periodQuery(from: string, to: string): PeriodResult {
  if (!DATE.test(from) || !DATE.test(to) || Number.isNaN(Date.parse(from)) || Number.isNaN(Date.parse(to))) return { ok: false, error: 'report.missingDate' };
  if (from > to) return { ok: false, error: 'report.invalidPeriod' };
  return { ok: true, from: `${from}T00:00:00.000Z`, to: `${addDays(to, 1)}T00:00:00.000Z` };
}

/** A time of day for a message, in the console's language ("14:05"). */
export function clockText(iso: string, lang: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : new Intl.DateTimeFormat(lang, { hour: '2-digit', minute: '2-digit' }).format(date);
}

/** A date and time ("3 Nov 2026, 14:05"). */
export function dateTimeText(iso: string, lang: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : new Intl.DateTimeFormat(lang, { dateStyle: 'medium', timeStyle: 'short' }).format(date);
}

/** A file size in the console's language ("48 kB", "1,2 MB"): decimal units, as people read file sizes. */
export function fileSizeText(bytes: number, lang: string): string {
  const [unit, value] = bytes >= 1_000_000 ? (['megabyte', bytes / 1_000_000] as const) : bytes >= 1_000 ? (['kilobyte', bytes / 1_000] as const) : (['byte', bytes] as const);
  return new Intl.NumberFormat(lang, { style: 'unit', unit, unitDisplay: 'short', maximumFractionDigits: value < 10 && unit !== 'byte' ? 1 : 0 }).format(value);
}
