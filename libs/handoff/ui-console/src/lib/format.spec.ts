import { translator } from './i18n';
import { defaultPeriod, durationText, fileSizeText, parseRetryAfter, percentText, periodQuery, reportDurationText, retryAfterText, waitedSeconds } from './format';

const en = translator('en');
const nl = translator('nl');

describe('durations', () => {
  it('says how long someone waits in short text', () => {
    expect(durationText(0, en)).toBe('less than 1 min');
    expect(durationText(59, en)).toBe('less than 1 min');
    expect(durationText(4 * 60 + 30, en)).toBe('4 min');
    expect(durationText(3_600 + 5 * 60, en)).toBe('1 h 5 min');
    expect(durationText(2 * 86_400 + 3 * 3_600, en)).toBe('2 d 3 h');
    expect(durationText(3_600 + 5 * 60, nl)).toBe('1 u 5 min');
    expect(durationText(-5, en)).toBe('less than 1 min');
  });

  it('keeps counting from what the server said', () => {
    expect(waitedSeconds(120, 1_000, 1_000 + 61_000)).toBe(181);
    expect(waitedSeconds(120, 5_000, 1_000)).toBe(120);
  });

  it('turns Retry-After into words', () => {
    expect(retryAfterText(30, en)).toBe('30 seconds');
    expect(retryAfterText(60, en)).toBe('1 minute');
    expect(retryAfterText(900, en)).toBe('15 minutes');
    expect(retryAfterText(899.2, nl)).toBe('15 minuten');
    expect(parseRetryAfter('900', 0)).toBe(900);
    expect(parseRetryAfter(null, 0)).toBeNull();
    expect(parseRetryAfter(new Date(60_000).toUTCString(), 0)).toBe(60);
    expect(parseRetryAfter('soon', 0)).toBeNull();
  });

  it('shows report times in seconds under a minute and n/a without data', () => {
    expect(reportDurationText(42.4, en)).toBe('42 s');
    expect(reportDurationText(300, en)).toBe('5 min');
    expect(reportDurationText(null, en)).toBe('n/a');
  });
});

describe('report period', () => {
  it('covers whole days, the last one included', () => {
    expect(periodQuery('2026-11-01', '2026-11-30')).toEqual({ ok: true, from: '2026-11-01T00:00:00.000Z', to: '2026-12-01T00:00:00.000Z' });
    expect(periodQuery('2026-11-05', '2026-11-05')).toEqual({ ok: true, from: '2026-11-05T00:00:00.000Z', to: '2026-11-06T00:00:00.000Z' });
  });

  it('refuses a missing date and an end before the start', () => {
    expect(periodQuery('', '2026-11-30')).toEqual({ ok: false, error: 'report.missingDate' });
    expect(periodQuery('2026-12-01', '2026-11-30')).toEqual({ ok: false, error: 'report.invalidPeriod' });
  });

  it('defaults to the last 30 days', () => {
    expect(defaultPeriod(new Date('2026-11-30T15:00:00Z'))).toEqual({ from: '2026-11-01', to: '2026-11-30' });
  });

  it('writes shares as percentages in the language of the console', () => {
    expect(percentText(0.875, 'en', en)).toBe('87.5%');
    expect(percentText(0.875, 'nl', nl)).toMatch(/^87,5\s?%$/);
    expect(percentText(null, 'en', en)).toBe('n/a');
  });

  it('writes file sizes in decimal units in the console language', () => {
    expect(fileSizeText(512, 'en')).toBe('512 byte');
    expect(fileSizeText(48_213, 'en')).toBe('48 kB');
    expect(fileSizeText(1_200_345, 'en')).toBe('1.2 MB');
    expect(fileSizeText(1_200_345, 'nl')).toBe('1,2 MB');
    expect(fileSizeText(12_500_000, 'nl')).toBe('13 MB');
  });
});
