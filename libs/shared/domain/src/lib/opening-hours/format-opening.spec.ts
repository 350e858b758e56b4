import { formatOpening } from './format-opening';

const AMSTERDAM = 'Europe/Amsterdam';
const at = (iso: string) => new Date(iso);
const mondayNine = at('2026-03-30T07:00:00Z'); // Monday 30 March 2026, 09:00 CEST

describe('formatOpening', () => {
  it('gives weekday and time in the organisation\'s zone', () => {
    expect(formatOpening(mondayNine, 'nl', AMSTERDAM)).toBe('maandag 09:00');
    expect(formatOpening(mondayNine, 'en', AMSTERDAM)).toBe('Monday 09:00');
    expect(formatOpening(mondayNine, 'en', 'UTC')).toBe('Monday 07:00');
  });

  it('says today and tomorrow relative to now, by local date', () => {
    expect(formatOpening(mondayNine, 'nl', AMSTERDAM, at('2026-03-30T05:00:00Z'))).toBe('vandaag 09:00');
    expect(formatOpening(mondayNine, 'en', AMSTERDAM, at('2026-03-30T05:00:00Z'))).toBe('today 09:00');
    expect(formatOpening(mondayNine, 'nl', AMSTERDAM, at('2026-03-29T20:00:00Z'))).toBe('morgen 09:00');
    expect(formatOpening(mondayNine, 'en', AMSTERDAM, at('2026-03-29T20:00:00Z'))).toBe('tomorrow 09:00');
    // 22:30Z on Sunday is already Monday 00:30 in Amsterdam.
    expect(formatOpening(mondayNine, 'nl', AMSTERDAM, at('2026-03-29T22:30:00Z'))).toBe('vandaag 09:00');
  });

  it('gives the weekday within a week, and the date further out', () => {
    expect(formatOpening(mondayNine, 'nl', AMSTERDAM, at('2026-03-27T16:00:00Z'))).toBe('maandag 09:00');
    expect(formatOpening(at('2027-01-04T08:00:00Z'), 'nl', AMSTERDAM, at('2026-12-24T17:00:00Z'))).toBe('maandag 4 januari 09:00');
    expect(formatOpening(at('2027-01-04T08:00:00Z'), 'en', AMSTERDAM, at('2026-12-24T17:00:00Z'))).toBe('Monday 4 January 09:00');
  });

  it('reads a BCP-47 tag and falls back to English', () => {
    expect(formatOpening(mondayNine, 'nl-BE', AMSTERDAM)).toBe('maandag 09:00');
    expect(formatOpening(mondayNine, 'de-DE', AMSTERDAM)).toBe('Monday 09:00');
  });
});
