/**
 * Wall-clock time in an IANA time zone with nothing but `Intl` (Node ships full ICU),
 * so the domain needs no time-zone library.
 */

export interface LocalDate {
  year: number;
  /** 1..12 */
  month: number;
  /** 1..31 */
  day: number;
}

export interface WallTime extends LocalDate {
  hour: number;
  minute: number;
  second: number;
}

const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;

const formatters = new Map<string, Intl.DateTimeFormat>();

function partsFormatter(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/** Whether `Intl` knows the IANA zone ("Europe/Amsterdam", "UTC"). */
export function isValidTimeZone(timeZone: string): boolean {
  try {
    partsFormatter(timeZone);
    return true;
  } catch {
    return false;
  }
}

/** The wall-clock time an instant shows in a zone. */
export function wallTimeAt(instant: Date, timeZone: string): WallTime {
  const values: Record<string, number> = {};
  for (const part of partsFormatter(timeZone).formatToParts(instant)) {
    if (part.type !== 'literal') values[part.type] = Number(part.value);
  }
  return {
    year: values['year']!,
    month: values['month']!,
    day: values['day']!,
    hour: values['hour']! % 24,
    minute: values['minute']!,
    second: values['second']!,
  };
}

/** Minutes the zone is ahead of UTC at an instant (Europe/Amsterdam: 60 in winter, 120 in summer). */
export function utcOffsetMinutes(instant: Date, timeZone: string): number {
  const wall = wallTimeAt(instant, timeZone);
  const wallAsUtc = Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute, wall.second);
  const wholeSeconds = Math.floor(instant.getTime() / 1000) * 1000;
  return Math.round((wallAsUtc - wholeSeconds) / MINUTE_MS);
}

/** "YYYY-MM-DD". */
export function formatLocalDate(date: LocalDate): string {
  return `${String(date.year).padStart(4, '0')}-${String(date.month).padStart(2, '0')}-${String(date.day).padStart(2, '0')}`;
}

/** Day of the week of a calendar date, 0 = Sunday. */
export function dayOfWeek(date: LocalDate): number {
  return new Date(Date.UTC(date.year, date.month - 1, date.day)).getUTCDay();
}

export function addDays(date: LocalDate, days: number): LocalDate {
  const d = new Date(Date.UTC(date.year, date.month - 1, date.day) + days * DAY_MS);
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}

/** Whole calendar days from `a` to `b` (negative when `b` is earlier). */
export function daysBetween(a: LocalDate, b: LocalDate): number {
  return Math.round((Date.UTC(b.year, b.month - 1, b.day) - Date.UTC(a.year, a.month - 1, a.day)) / DAY_MS);
}

/**
 * Every instant at which the zone's clock shows `minuteOfDay` on `date`: one normally,
 * two in the hour repeated when clocks go back, none in the hour skipped when they go
 * forward (then `utcOffsetTransitions` supplies the moment the clock jumps past it).
 */
export function instantsOfWallTime(date: LocalDate, minuteOfDay: number, timeZone: string): Date[] {
  const asUtc = Date.UTC(date.year, date.month - 1, date.day) + minuteOfDay * MINUTE_MS;
  const offsets = new Set([-DAY_MS, 0, DAY_MS].map((shift) => utcOffsetMinutes(new Date(asUtc + shift), timeZone)));
  const instants: Date[] = [];
  for (const offset of offsets) {
    const candidate = new Date(asUtc - offset * MINUTE_MS);
    const wall = wallTimeAt(candidate, timeZone);
    if (wall.year === date.year && wall.month === date.month && wall.day === date.day && wall.hour * 60 + wall.minute === minuteOfDay) {
      instants.push(candidate);
    }
  }
  return instants.sort((a, b) => a.getTime() - b.getTime());
}

/**
 * The instants in [from, to] at which the zone's UTC offset changes (DST), to the minute.
 * Probes every 6 hours, so it assumes (as every real zone does) transitions at least that far apart.
 */
export function utcOffsetTransitions(from: Date, to: Date, timeZone: string): Date[] {
  const step = 6 * 60 * MINUTE_MS;
  const transitions: Date[] = [];
  let previous = from.getTime();
  let previousOffset = utcOffsetMinutes(from, timeZone);
  while (previous < to.getTime()) {
    const next = Math.min(previous + step, to.getTime());
    const nextOffset = utcOffsetMinutes(new Date(next), timeZone);
    if (nextOffset !== previousOffset) {
      // Smallest whole minute in (previous, next] that already has the new offset.
      let lo = Math.floor(previous / MINUTE_MS);
      let hi = Math.ceil(next / MINUTE_MS);
      while (hi - lo > 1) {
        const mid = Math.floor((lo + hi) / 2);
        if (utcOffsetMinutes(new Date(mid * MINUTE_MS), timeZone) === previousOffset) lo = mid;
        else hi = mid;
      }
      transitions.push(new Date(hi * MINUTE_MS));
    }
    previous = next;
    previousOffset = nextOffset;
  }
  return transitions;
}
