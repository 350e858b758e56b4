import { addDays, dayOfWeek, formatLocalDate, instantsOfWallTime, utcOffsetTransitions, wallTimeAt } from './zoned-time';

export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

/** "HH:MM", 24-hour clock; "24:00" is allowed as the end of a period. */
export type ClockTime = string;

/** A period of one day, `from` inclusive, `to` exclusive, `from` < `to` (it cannot cross midnight). */
export interface OpeningPeriod {
  from: ClockTime;
  to: ClockTime;
}

/**
 * When people answer. Times are wall-clock times in `timeZone`, so 09:00 stays 09:00
 * across daylight-saving changes. A period across midnight is not supported: split it
 * (`fri: [{ from: '22:00', to: '24:00' }], sat: [{ from: '00:00', to: '02:00' }]`).
 */
export interface OpeningHours {
  /** IANA zone, e.g. "Europe/Amsterdam". */
  timeZone: string;
  weekly: Record<Weekday, OpeningPeriod[]>;
  /** "YYYY-MM-DD" local dates, closed all day. */
  holidays: string[];
}

function frozen(hours: OpeningHours): OpeningHours {
  for (const day of WEEKDAYS) {
    for (const period of hours.weekly[day]) Object.freeze(period);
    Object.freeze(hours.weekly[day]);
  }
  Object.freeze(hours.weekly);
  Object.freeze(hours.holidays);
  return Object.freeze(hours);
}

/** Monday to Friday 09:00–17:00 in Europe/Amsterdam, no holidays. */
export const DEFAULT_OPENING_HOURS: OpeningHours = frozen({
  timeZone: 'Europe/Amsterdam',
  weekly: {
    mon: [{ from: '09:00', to: '17:00' }],
    tue: [{ from: '09:00', to: '17:00' }],
    wed: [{ from: '09:00', to: '17:00' }],
    thu: [{ from: '09:00', to: '17:00' }],
    fri: [{ from: '09:00', to: '17:00' }],
    sat: [],
    sun: [],
  },
  holidays: [],
});

const allDay = (): OpeningPeriod[] => [{ from: '00:00', to: '24:00' }];

/** Open every minute of every day. */
export const ALWAYS_OPEN: OpeningHours = frozen({
  timeZone: 'UTC',
  weekly: { mon: allDay(), tue: allDay(), wed: allDay(), thu: allDay(), fri: allDay(), sat: allDay(), sun: allDay() },
  holidays: [],
});

/** How far `nextOpeningAt` looks ahead. */
export const NEXT_OPENING_HORIZON_DAYS = 14;

const DAY_MS = 86_400_000;
/** `Date.getUTCDay()` order. */
const WEEKDAY_BY_DAY_NUMBER: readonly Weekday[] = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];

/** "09:30" → 570, "24:00" → 1440. */
export function minuteOfDay(time: ClockTime): number {
  const [hours, minutes] = time.split(':').map(Number);
  return hours! * 60 + minutes!;
}

/** Whether a person is there at `instant`: the local time lies in a period of that weekday, and the local date is no holiday. */
export function isOpenAt(hours: OpeningHours, instant: Date): boolean {
  const wall = wallTimeAt(instant, hours.timeZone);
  if (hours.holidays.includes(formatLocalDate(wall))) return false;
  const minute = wall.hour * 60 + wall.minute;
  return hours.weekly[WEEKDAY_BY_DAY_NUMBER[dayOfWeek(wall)]!].some((p) => minuteOfDay(p.from) <= minute && minute < minuteOfDay(p.to));
}

/**
 * The first instant at or after `instant` at which `isOpenAt` holds: `instant` itself
 * when open now, else the next opening; null when closed for the next 14 days.
 *
 * Daylight saving: an opening time the clock skips (02:30 on the last Sunday of March in
 * Europe/Amsterdam) opens when the clock jumps past it; one the clock shows twice (last
 * Sunday of October) opens the first time.
 */
export function nextOpeningAt(hours: OpeningHours, instant: Date): Date | null {
  if (isOpenAt(hours, instant)) return new Date(instant.getTime());
  const limit = new Date(instant.getTime() + NEXT_OPENING_HORIZON_DAYS * DAY_MS);
  const today = wallTimeAt(instant, hours.timeZone);
  // Every moment the open set can begin: a period's start on one of the coming days, or a
  // DST jump that lands the clock inside a period.
  const candidates: Date[] = utcOffsetTransitions(instant, limit, hours.timeZone);
  for (let i = 0; i <= NEXT_OPENING_HORIZON_DAYS; i++) {
    const date = addDays(today, i);
    if (hours.holidays.includes(formatLocalDate(date))) continue;
    for (const period of hours.weekly[WEEKDAY_BY_DAY_NUMBER[dayOfWeek(date)]!]) {
      candidates.push(...instantsOfWallTime(date, minuteOfDay(period.from), hours.timeZone));
    }
  }
  let best: Date | null = null;
  for (const c of candidates) {
    if (c.getTime() <= instant.getTime() || c.getTime() > limit.getTime()) continue;
    if (best !== null && c.getTime() >= best.getTime()) continue;
    if (isOpenAt(hours, c)) best = c;
  }
  return best;
}
