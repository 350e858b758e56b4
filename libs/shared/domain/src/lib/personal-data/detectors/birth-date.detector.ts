import type { PersonalDataFinding } from '../personal-data.types';
import { isRealDate } from '../validators';
import { after, before } from './context';
import { finding } from './finding';

const MONTHS: Readonly<Record<string, number>> = {
  januari: 1, jan: 1, january: 1, februari: 2, feb: 2, february: 2, maart: 3, mrt: 3, march: 3, mar: 3, april: 4, apr: 4,
  mei: 5, may: 5, juni: 6, jun: 6, june: 6, juli: 7, jul: 7, july: 7, augustus: 8, aug: 8, august: 8, september: 9,
  sep: 9, sept: 9, oktober: 10, okt: 10, october: 10, oct: 10, november: 11, nov: 11, december: 12, dec: 12,
};
const MONTH = `(${Object.keys(MONTHS).sort((a, b) => b.length - a.length).join('|')})\\.?`;
const ORDINAL = '(?:st|nd|rd|th|e|ste|de)?';

interface DatePattern {
  regex: RegExp;
  /** Candidate (year, month, day) readings, the most likely first. */
  read: (m: RegExpMatchArray) => [number, number, number][];
}

function year(text: string): number {
  const y = Number(text);
  return text.length === 2 ? (y > 30 ? 1900 + y : 2000 + y) : y;
}

const PATTERNS: DatePattern[] = [
  // 14-05-1987, 14/05/87, 3.1.1975 (day first, as written in nl and most of en; month first as a second reading)
  {
    regex: /(?<![\p{N}/.-])(\d{1,2})([-/.])(\d{1,2})\2(\d{4}|\d{2})(?![\p{N}]|[-/.]\d)/gu,
    read: (m) => [[year(m[4]!), Number(m[3]), Number(m[1])], [year(m[4]!), Number(m[1]), Number(m[3])]],
  },
  // 1979-11-02
  { regex: /(?<![\p{N}/.-])(\d{4})-(\d{2})-(\d{2})(?![\p{N}]|-\d)/gu, read: (m) => [[Number(m[1]), Number(m[2]), Number(m[3])]] },
  // 3 januari 1975, 4th of July 1976, 7 okt. 1982, 12 December 1990
  {
    regex: new RegExp(String.raw`(?<![\p{L}\p{N}])(\d{1,2})${ORDINAL}(?:\s+of)?\s+${MONTH}\s*,?\s+(\d{4})(?![\p{N}])`, 'giu'),
    read: (m) => [[Number(m[3]), MONTHS[m[2]!.toLowerCase()]!, Number(m[1])]],
  },
  // March 5, 1992
  {
    regex: new RegExp(String.raw`(?<![\p{L}\p{N}])${MONTH}\s+(\d{1,2})${ORDINAL},?\s+(\d{4})(?![\p{N}])`, 'giu'),
    read: (m) => [[Number(m[3]), MONTHS[m[1]!.toLowerCase()]!, Number(m[2])]],
  },
];

/** Words that say a date is someone's date of birth. */
const CUE_BEFORE = /(?:geboren|geboorte|\bgeb\b\.?|verjaardag|jarig|\bborn\b|\bbirth|\bdob\b|d\.o\.b\.?)/i;
const CUE_AFTER = /^[\s,)]*(?:(?:is\s+)?(?:mijn|my|zijn|haar|his|her)?\s*(?:geboortedatum|geboortedag|verjaardag|date\s+of\s+birth|birth\s?date|birthday)|geboren|born)(?![\p{L}])/iu;

/**
 * Dates of birth: a real calendar date, not after today and not before 1900, that the text
 * calls a birth date ("geboren op", "geboortedatum", "geb.", "jarig", "born", "DOB",
 * "date of birth", "birthday", before it; or "… is mijn geboortedatum" after it). Any other
 * date (an order, a delivery) is left alone; so is a birth year on its own.
 */
export function detectBirthDates(text: string, today: Date = new Date()): PersonalDataFinding[] {
  const found: PersonalDataFinding[] = [];
  const todayKey = today.toISOString().slice(0, 10);
  for (const pattern of PATTERNS) {
    for (const match of text.matchAll(pattern.regex)) {
      const end = match.index + match[0].length;
      if (found.some((f) => f.start < end && match.index < f.end)) continue;
      const reading = pattern.read(match).find(([y, mo, d]) => isRealDate(y, mo, d) && y >= 1900);
      if (!reading) continue;
      const key = `${reading[0]}-${String(reading[1]).padStart(2, '0')}-${String(reading[2]).padStart(2, '0')}`;
      if (key > todayKey) continue;
      if (!CUE_BEFORE.test(before(text, match.index, 60)) && !CUE_AFTER.test(after(text, end, 40))) continue;
      found.push(finding('BIRTHDATE', text, match.index, end, key));
    }
  }
  return found;
}
