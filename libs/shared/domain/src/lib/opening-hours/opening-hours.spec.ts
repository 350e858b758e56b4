import { ALWAYS_OPEN, DEFAULT_OPENING_HOURS, isOpenAt, nextOpeningAt, type OpeningHours } from './opening-hours';
import { utcOffsetMinutes, utcOffsetTransitions } from './zoned-time';

const at = (iso: string) => new Date(iso);
const AMSTERDAM = 'Europe/Amsterdam';

function hours(weekly: Partial<OpeningHours['weekly']>, holidays: string[] = [], timeZone = AMSTERDAM): OpeningHours {
  return { timeZone, weekly: { mon: [], tue: [], wed: [], thu: [], fri: [], sat: [], sun: [], ...weekly }, holidays };
}

describe('opening hours', () => {
  describe('DEFAULT_OPENING_HOURS (Monday to Friday 09:00–17:00, Amsterdam)', () => {
    it('is open on a weekday between 09:00 and 17:00 local time, 17:00 itself closed', () => {
      // Wednesday 2 December 2026, CET (UTC+1).
      expect(isOpenAt(DEFAULT_OPENING_HOURS, at('2026-12-02T07:59:59Z'))).toBe(false);
      expect(isOpenAt(DEFAULT_OPENING_HOURS, at('2026-12-02T08:00:00Z'))).toBe(true);
      expect(isOpenAt(DEFAULT_OPENING_HOURS, at('2026-12-02T15:59:59Z'))).toBe(true);
      expect(isOpenAt(DEFAULT_OPENING_HOURS, at('2026-12-02T16:00:00Z'))).toBe(false);
    });

    it('is closed at the weekend', () => {
      expect(isOpenAt(DEFAULT_OPENING_HOURS, at('2026-12-05T11:00:00Z'))).toBe(false);
      expect(isOpenAt(DEFAULT_OPENING_HOURS, at('2026-12-06T11:00:00Z'))).toBe(false);
    });

    it('reads the weekday in the zone, not in UTC', () => {
      // Monday 00:30 in Amsterdam is still Sunday in UTC.
      const h = hours({ mon: [{ from: '00:00', to: '01:00' }] });
      expect(isOpenAt(h, at('2026-11-29T23:30:00Z'))).toBe(true);
    });
  });

  describe('daylight saving time in Europe/Amsterdam', () => {
    it('knows the offsets and the moments they change in 2026', () => {
      expect(utcOffsetMinutes(at('2026-03-29T00:59:00Z'), AMSTERDAM)).toBe(60);
      expect(utcOffsetMinutes(at('2026-03-29T01:00:00Z'), AMSTERDAM)).toBe(120);
      expect(utcOffsetMinutes(at('2026-10-25T00:59:00Z'), AMSTERDAM)).toBe(120);
      expect(utcOffsetMinutes(at('2026-10-25T01:00:00Z'), AMSTERDAM)).toBe(60);
      expect(utcOffsetTransitions(at('2026-03-20T00:00:00Z'), at('2026-11-01T00:00:00Z'), AMSTERDAM)).toEqual([
        at('2026-03-29T01:00:00Z'),
        at('2026-10-25T01:00:00Z'),
      ]);
    });

    it('opens at 09:00 local on both sides of 29 March 2026 (clocks forward)', () => {
      // Friday 27 March, CET: 09:00 = 08:00Z. Monday 30 March, CEST: 09:00 = 07:00Z.
      expect(isOpenAt(DEFAULT_OPENING_HOURS, at('2026-03-27T07:59:00Z'))).toBe(false);
      expect(isOpenAt(DEFAULT_OPENING_HOURS, at('2026-03-27T08:00:00Z'))).toBe(true);
      expect(isOpenAt(DEFAULT_OPENING_HOURS, at('2026-03-30T06:59:00Z'))).toBe(false);
      expect(isOpenAt(DEFAULT_OPENING_HOURS, at('2026-03-30T07:00:00Z'))).toBe(true);
      expect(isOpenAt(DEFAULT_OPENING_HOURS, at('2026-03-30T14:59:00Z'))).toBe(true);
      expect(isOpenAt(DEFAULT_OPENING_HOURS, at('2026-03-30T15:00:00Z'))).toBe(false);
      expect(nextOpeningAt(DEFAULT_OPENING_HOURS, at('2026-03-27T16:00:00Z'))).toEqual(at('2026-03-30T07:00:00Z'));
    });

    it('opens at 09:00 local on both sides of 25 October 2026 (clocks back)', () => {
      // Friday 23 October, CEST: 09:00 = 07:00Z. Monday 26 October, CET: 09:00 = 08:00Z.
      expect(isOpenAt(DEFAULT_OPENING_HOURS, at('2026-10-23T07:00:00Z'))).toBe(true);
      expect(isOpenAt(DEFAULT_OPENING_HOURS, at('2026-10-26T07:30:00Z'))).toBe(false);
      expect(isOpenAt(DEFAULT_OPENING_HOURS, at('2026-10-26T08:00:00Z'))).toBe(true);
      expect(nextOpeningAt(DEFAULT_OPENING_HOURS, at('2026-10-23T16:00:00Z'))).toEqual(at('2026-10-26T08:00:00Z'));
    });

    it('opens when the clock jumps past an opening time it skips (02:30 on 29 March)', () => {
      const h = hours({ sun: [{ from: '02:30', to: '04:00' }] });
      expect(isOpenAt(h, at('2026-03-29T00:59:00Z'))).toBe(false); // 01:59 CET
      expect(isOpenAt(h, at('2026-03-29T01:00:00Z'))).toBe(true); // 03:00 CEST
      expect(nextOpeningAt(h, at('2026-03-29T00:00:00Z'))).toEqual(at('2026-03-29T01:00:00Z'));
      expect(isOpenAt(h, at('2026-03-29T02:00:00Z'))).toBe(false); // 04:00 CEST
    });

    it('opens the first time the clock shows a repeated opening time (02:15 on 25 October), and again the second time', () => {
      const h = hours({ sun: [{ from: '02:15', to: '02:45' }] });
      expect(nextOpeningAt(h, at('2026-10-25T00:00:00Z'))).toEqual(at('2026-10-25T00:15:00Z')); // 02:15 CEST
      expect(isOpenAt(h, at('2026-10-25T00:50:00Z'))).toBe(false); // 02:50 CEST
      expect(nextOpeningAt(h, at('2026-10-25T00:50:00Z'))).toEqual(at('2026-10-25T01:15:00Z')); // 02:15 CET
    });

    it('opens again when the clock goes back into a period', () => {
      // 01:00–02:30 local: open till 02:30 CEST, closed 02:30–03:00 CEST, open again from 02:00 CET.
      const h = hours({ sun: [{ from: '01:00', to: '02:30' }] });
      expect(isOpenAt(h, at('2026-10-25T00:40:00Z'))).toBe(false);
      expect(nextOpeningAt(h, at('2026-10-25T00:40:00Z'))).toEqual(at('2026-10-25T01:00:00Z'));
    });
  });

  describe('holidays', () => {
    const christmas = hours(DEFAULT_OPENING_HOURS.weekly, ['2026-12-25', '2026-12-28']);

    it('are closed all day, by local date', () => {
      expect(isOpenAt(christmas, at('2026-12-25T10:00:00Z'))).toBe(false);
      expect(isOpenAt(christmas, at('2026-12-24T10:00:00Z'))).toBe(true);
    });

    it('are skipped by nextOpeningAt', () => {
      // Thursday 24 December after closing: Friday 25 and Monday 28 are holidays → Tuesday 29, 09:00 CET.
      expect(nextOpeningAt(christmas, at('2026-12-24T16:30:00Z'))).toEqual(at('2026-12-29T08:00:00Z'));
    });
  });

  describe('nextOpeningAt', () => {
    it('is the instant itself when open now', () => {
      const now = at('2026-12-02T10:00:00Z');
      expect(nextOpeningAt(DEFAULT_OPENING_HOURS, now)).toEqual(now);
      expect(nextOpeningAt(ALWAYS_OPEN, now)).toEqual(now);
    });

    it('is later today before opening, tomorrow after closing, Monday at the weekend', () => {
      expect(nextOpeningAt(DEFAULT_OPENING_HOURS, at('2026-12-02T06:00:00Z'))).toEqual(at('2026-12-02T08:00:00Z'));
      expect(nextOpeningAt(DEFAULT_OPENING_HOURS, at('2026-12-02T16:00:00Z'))).toEqual(at('2026-12-03T08:00:00Z'));
      expect(nextOpeningAt(DEFAULT_OPENING_HOURS, at('2026-12-04T19:00:00Z'))).toEqual(at('2026-12-07T08:00:00Z'));
    });

    it('takes the next of several periods in a day', () => {
      const split = hours({ wed: [{ from: '13:30', to: '17:00' }, { from: '09:00', to: '12:00' }] });
      expect(nextOpeningAt(split, at('2026-12-02T11:15:00Z'))).toEqual(at('2026-12-02T12:30:00Z')); // 12:15 → 13:30 CET
    });

    it('is null when no one is there for the next 14 days', () => {
      expect(nextOpeningAt(hours({}), at('2026-12-02T10:00:00Z'))).toBeNull();
      const mondaysOnly = hours({ mon: [{ from: '09:00', to: '10:00' }] }, ['2026-12-07', '2026-12-14']);
      expect(nextOpeningAt(mondaysOnly, at('2026-12-02T10:00:00Z'))).toBeNull(); // the 21st is 19 days on
      expect(nextOpeningAt(mondaysOnly, at('2026-12-07T10:00:00Z'))).toEqual(at('2026-12-21T08:00:00Z')); // exactly 14 days on
    });

    it('counts an opening period to 24:00 as open until midnight', () => {
      const late = hours({ fri: [{ from: '22:00', to: '24:00' }], sat: [{ from: '00:00', to: '02:00' }] });
      expect(isOpenAt(late, at('2026-12-04T22:59:00Z'))).toBe(true); // Friday 23:59 CET
      expect(isOpenAt(late, at('2026-12-04T23:30:00Z'))).toBe(true); // Saturday 00:30 CET
      expect(isOpenAt(late, at('2026-12-05T01:00:00Z'))).toBe(false); // Saturday 02:00 CET
    });

    it('works in other zones', () => {
      const newYork = hours({ mon: [{ from: '09:00', to: '17:00' }] }, [], 'America/New_York');
      expect(nextOpeningAt(newYork, at('2026-12-06T12:00:00Z'))).toEqual(at('2026-12-07T14:00:00Z'));
    });
  });

  it('ALWAYS_OPEN is open at any time', () => {
    for (const iso of ['2026-01-01T00:00:00Z', '2026-03-29T01:30:00Z', '2026-10-25T01:30:00Z', '2026-12-31T23:59:59Z']) {
      expect(isOpenAt(ALWAYS_OPEN, at(iso))).toBe(true);
    }
  });

  it('keeps its constants from being changed', () => {
    expect(() => DEFAULT_OPENING_HOURS.weekly.sat.push({ from: '10:00', to: '12:00' })).toThrow(TypeError);
  });
});
