import { detectBirthDates } from './birth-date.detector';

const TODAY = new Date('2026-11-30T12:00:00Z');
const found = (text: string) => detectBirthDates(text, TODAY).map((f) => [f.text, f.key]);

describe('detectBirthDates', () => {
  it('finds a date the text calls a birth date, in numeric and written forms, keyed as yyyy-mm-dd', () => {
    expect(found('Mijn geboortedatum is 14-05-1987.')).toEqual([['14-05-1987', '1987-05-14']]);
    expect(found('geb. 22/11/1968')).toEqual([['22/11/1968', '1968-11-22']]);
    expect(found('Ik ben geboren op 3 januari 1975.')).toEqual([['3 januari 1975', '1975-01-03']]);
    expect(found('Geboren: 7 okt. 1982')).toEqual([['7 okt. 1982', '1982-10-07']]);
    expect(found('DOB: 1979-11-02')).toEqual([['1979-11-02', '1979-11-02']]);
    expect(found('I was born 4th of July 1976.')).toEqual([['4th of July 1976', '1976-07-04']]);
    expect(found('Date of birth: March 14, 1993')).toEqual([['March 14, 1993', '1993-03-14']]);
  });

  it('also takes the cue after the date', () => {
    expect(found('Ik ben op 9 juni 1984 geboren.')).toEqual([['9 juni 1984', '1984-06-09']]);
    expect(found('17-10-1991 is mijn geboortedatum')).toEqual([['17-10-1991', '1991-10-17']]);
  });

  it('leaves dates without a birth cue alone (orders, deliveries, contracts)', () => {
    expect(found('Op 12-03-2025 besteld, geleverd op 20 maart 2025; abonnement tot 31-12-2026.')).toEqual([]);
  });

  it('ignores impossible and future dates, and a birth year alone', () => {
    expect(found('geboren op 31-02-1990')).toEqual([]);
    expect(found('geboren op 01-01-2030')).toEqual([]);
    expect(found('Ik ben in 1990 geboren.')).toEqual([]);
  });
});
