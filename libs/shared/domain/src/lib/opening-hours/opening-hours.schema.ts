import { z } from 'zod';
import { minuteOfDay, WEEKDAYS, type OpeningHours, type OpeningPeriod, type Weekday } from './opening-hours';
import { isValidTimeZone } from './zoned-time';

const CLOCK_TIME = /^([01]\d|2[0-3]):[0-5]\d$/;

export const openingPeriodSchema = z
  .object({
    from: z.string().regex(CLOCK_TIME, 'from must be HH:MM (00:00 to 23:59)'),
    to: z.string().refine((v) => CLOCK_TIME.test(v) || v === '24:00', 'to must be HH:MM (00:01 to 24:00)'),
  })
  .refine((p) => minuteOfDay(p.from) < minuteOfDay(p.to), {
    message: 'from must be before to; a period across midnight is not supported, split it over two days',
    path: ['to'],
  });

const dayPeriodsSchema = z.array(openingPeriodSchema).refine((periods: OpeningPeriod[]) => {
  const sorted = [...periods].sort((a, b) => minuteOfDay(a.from) - minuteOfDay(b.from));
  return sorted.every((p, i) => i === 0 || minuteOfDay(sorted[i - 1]!.to) <= minuteOfDay(p.from));
}, 'periods of one day must not overlap');

function isCalendarDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const [year, month, day] = value.split('-').map(Number);
  const d = new Date(Date.UTC(year!, month! - 1, day!));
  return d.getUTCFullYear() === year && d.getUTCMonth() === month! - 1 && d.getUTCDate() === day;
}

/** Validates opening hours as a tenant configures them; `holidays` may be left out. */
export const openingHoursSchema = z.object({
  timeZone: z.string().refine(isValidTimeZone, 'timeZone must be an IANA time zone such as Europe/Amsterdam'),
  weekly: z.object(Object.fromEntries(WEEKDAYS.map((d) => [d, dayPeriodsSchema])) as Record<Weekday, typeof dayPeriodsSchema>),
  holidays: z
    .array(z.string().refine(isCalendarDate, 'holidays are YYYY-MM-DD calendar dates'))
    .default([]),
}) satisfies z.ZodType<OpeningHours, unknown>;
