import { ALWAYS_OPEN, DEFAULT_OPENING_HOURS } from './opening-hours';
import { openingHoursSchema } from './opening-hours.schema';

const base = { timeZone: 'Europe/Amsterdam', weekly: { mon: [], tue: [], wed: [], thu: [], fri: [], sat: [], sun: [] } };

function messages(input: unknown): string[] {
  const result = openingHoursSchema.safeParse(input);
  return result.success ? [] : result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
}

describe('openingHoursSchema', () => {
  it('accepts the defaults, and holidays may be left out', () => {
    expect(openingHoursSchema.parse(DEFAULT_OPENING_HOURS)).toEqual(DEFAULT_OPENING_HOURS);
    expect(openingHoursSchema.parse(ALWAYS_OPEN)).toEqual(ALWAYS_OPEN);
    expect(openingHoursSchema.parse(base).holidays).toEqual([]);
  });

  it('rejects an unknown time zone', () => {
    expect(messages({ ...base, timeZone: 'Europe/Amsterdamm' })).toEqual(['timeZone: timeZone must be an IANA time zone such as Europe/Amsterdam']);
  });

  it('rejects times that are not HH:MM', () => {
    expect(messages({ ...base, weekly: { ...base.weekly, mon: [{ from: '9:00', to: '17:00' }] } })).toHaveLength(1);
    expect(messages({ ...base, weekly: { ...base.weekly, mon: [{ from: '09:00', to: '24:01' }] } })).toHaveLength(1);
    expect(messages({ ...base, weekly: { ...base.weekly, mon: [{ from: '24:00', to: '24:00' }] } }).length).toBeGreaterThan(0);
  });

  it('rejects a period across midnight, saying to split it', () => {
    expect(messages({ ...base, weekly: { ...base.weekly, fri: [{ from: '22:00', to: '02:00' }] } })).toEqual([
      'weekly.fri.0.to: from must be before to; a period across midnight is not supported, split it over two days',
    ]);
  });

  it('rejects overlapping periods in a day, and accepts touching ones', () => {
    expect(messages({ ...base, weekly: { ...base.weekly, tue: [{ from: '09:00', to: '12:00' }, { from: '11:00', to: '13:00' }] } })).toEqual([
      'weekly.tue: periods of one day must not overlap',
    ]);
    expect(messages({ ...base, weekly: { ...base.weekly, tue: [{ from: '12:00', to: '17:00' }, { from: '09:00', to: '12:00' }] } })).toEqual([]);
  });

  it('rejects a missing weekday and holidays that are not dates', () => {
    const { sun: _sun, ...sixDays } = base.weekly;
    expect(messages({ ...base, weekly: sixDays })).toHaveLength(1);
    expect(messages({ ...base, holidays: ['2026-02-30'] })).toEqual(['holidays.0: holidays are YYYY-MM-DD calendar dates']);
    expect(messages({ ...base, holidays: ['25-12-2026'] })).toHaveLength(1);
  });
});
