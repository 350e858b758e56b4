import type { PersonalDataFinding } from '../personal-data.types';
import { before } from './context';
import { finding } from './finding';

const POSTCODE = /(?<![\p{L}\p{N}€$£]|[\p{N}][.,])([1-9]\d{3}) ?([A-Za-z]{2})(?![\p{L}\p{N}]|[.,]\d)/gu;
/** Two-letter units and words that follow a four-digit number more often than a postcode's letters do. */
const NOT_POSTCODE_LETTERS = new Set(['GB', 'MB', 'KB', 'TB', 'KM', 'CM', 'MM', 'KG', 'MG', 'ML', 'CL', 'KW', 'HZ', 'PX', 'PK', 'EU', 'AM', 'PM', 'TV', 'CD', 'HP', 'BC', 'AD', 'VS', 'NL', 'EN']);
const POSTCODE_CUE = /\b(?:postcode|post\s?code|postal\s+code|zip(?:\s?code)?|pc)\s*:?\s*$/i;

/** A house number: 12, 12a, 12 a, 12-2, 12-a; not a time, decimal or longer number. */
const HOUSE_NUMBER = String.raw`\d{1,5}(?:-\d{1,4}|-[a-zA-Z](?![\p{L}])| ?[a-zA-Z](?![\p{L}\p{N}]))?`;
/** Words after a number that make it a count or a measure, not a house number. */
const NOT_HOUSE_NUMBER_AFTER = /^\s*(?:x\b|keer|dagen|dag|uur|minuten|min\b|euro|stuks|jaar|weken|maanden|km|meter|times|days|hours|minutes|weeks|months|years|items|pieces|%)/i;

/** A house number named as one right after a postcode: "1234AB, huisnummer 12", "1234 AB en nr. 12". */
const LABELLED_NUMBER_AFTER_POSTCODE = new RegExp(
  String.raw`^,?\s*(?:(?:en|and)\s+)?(?:huisnummer|huisnr\.?|house\s+number|nummer|number|nr\.?|no\.?)\s*:?\s*(${HOUSE_NUMBER})(?![\p{L}\p{N}]|[.,:]\d)`,
  'iu',
);
/** A bare house number right after a postcode: "1234 AB 12". */
const BARE_NUMBER_AFTER_POSTCODE = new RegExp(String.raw`^ +(\d{1,4}(?:-\d{1,4}|-[a-zA-Z](?![\p{L}])| ?[a-zA-Z](?![\p{L}\p{N}]))?)(?![\p{L}\p{N}]|[.,:]\d)`, 'u');

const STREET_SUFFIX = 'straat|straatweg|laan|weg|plein|gracht|kade|singel|dijk|pad|steeg|dreef|hof|hofje|park|markt|plantsoen|boulevard|allee|wal|baan|ring|vaart|erf|wetering|dries|brink|hout|veld|zijde';
/** A street word and a house number: "Kerkstraat 12", "Lindenlaan 4a", "Gracht 101" (the standalone word needs a capital). */
const STREET_NUMBER = new RegExp(String.raw`(?<![\p{L}\p{N}])([\p{L}'’-]*?(?:${STREET_SUFFIX}))\s+(${HOUSE_NUMBER})(?![\p{L}\p{N}]|[.,:]\d)`, 'giu');
/** "Laan van Meerdervoort 300", "Weg der Verenigde Naties 1". */
const STREET_OF = new RegExp(String.raw`(?<![\p{L}\p{N}])(?:Laan|Weg|Plein|Kade|Straat|Dreef|Singel)\s+(?:van|der|de|den|op|ten|ter)(?:\s+(?:der|de|den|het))?\s+\p{Lu}[\p{L}'’-]+\s+(${HOUSE_NUMBER})(?![\p{L}\p{N}]|[.,:]\d)`, 'gu');
/** Everyday words that end like a street name. */
const NOT_STREET = new Set(['onderweg', 'halfweg', 'allerweg', 'overweg', 'kruisweg', 'snelweg', 'uitweg', 'omweg', 'erf', 'hof', 'park', 'markt', 'pad', 'ring', 'baan', 'weg', 'veld', 'hout', 'zijde', 'wal', 'vaart']);
const PARTICLE = /^(?:van|de|der|den|het|'t|ter|ten|te|op|in|aan|bij|la|le)$/;

/** Extends a street word leftwards over capitalised words and particles ("Burgemeester de Vlugtlaan"). */
function streetStart(text: string, start: number): number {
  let begin = start;
  let firstCapital = start;
  for (let steps = 0; steps < 5; steps++) {
    const m = /([\p{L}'’-]+)[ \t]+$/u.exec(text.slice(Math.max(0, begin - 40), begin));
    if (!m) break;
    const word = m[1]!;
    const wordStart = begin - m[0].length;
    if (/^\p{Lu}/u.test(word)) {
      begin = wordStart;
      firstCapital = wordStart;
    } else if (PARTICLE.test(word)) {
      begin = wordStart;
    } else {
      break;
    }
  }
  return firstCapital;
}

function addressKey(text: string): string {
  return text.toLowerCase().replace(/\s+/g, ' ').replace(/(\d{4}) ([a-z]{2})\b/, '$1$2');
}

/**
 * Dutch addresses: a postcode (with the house number that follows it), and a street with a
 * house number ("Kerkstraat 12", "Van Baerlestraat 55-2", "Laan van Meerdervoort 300").
 * A house number on its own ("nummer 14") is not an address. A four-digit number with
 * lower-case letters ("1000 en 2000") or a unit ("1500 GB") counts only with a postcode
 * cue, a street before it or a house number named after it.
 */
export function detectAddresses(text: string): PersonalDataFinding[] {
  const found: PersonalDataFinding[] = [];
  const streets: { start: number; end: number }[] = [];
  const addStreet = (start: number, end: number) => {
    streets.push({ start, end });
    found.push(finding('ADDRESS', text, start, end, addressKey(text.slice(start, end))));
  };
  for (const match of text.matchAll(STREET_OF)) addStreet(match.index, match.index + match[0].length);
  for (const match of text.matchAll(STREET_NUMBER)) {
    const word = match[1]!;
    const numberEnd = match.index + match[0].length;
    if (NOT_HOUSE_NUMBER_AFTER.test(text.slice(numberEnd))) continue;
    if (NOT_STREET.has(word.toLowerCase()) && !/^\p{Lu}/u.test(word)) continue;
    const suffixOnly = new RegExp(String.raw`^(?:${STREET_SUFFIX})$`, 'i').test(word);
    const capitalised = /^\p{Lu}/u.test(word);
    if (!capitalised && word.length < 6) continue;
    const start = capitalised ? streetStart(text, match.index) : match.index;
    // A street word alone ("Gracht 101") needs a capitalised word before it ("Oude Gracht 101").
    if (suffixOnly && start === match.index) continue;
    if (streets.some((s) => s.start <= match.index && match.index < s.end)) continue;
    addStreet(start, numberEnd);
  }
  for (const match of text.matchAll(POSTCODE)) {
    const letters = match[2]!;
    if (['SA', 'SD', 'SS'].includes(letters.toUpperCase())) continue;
    const end = match.index + match[0].length;
    const labelled = LABELLED_NUMBER_AFTER_POSTCODE.exec(text.slice(end));
    const cue = POSTCODE_CUE.test(before(text, match.index, 30));
    const nextToStreet = streets.some((s) => s.end <= match.index && /^[\s,]*$/.test(text.slice(s.end, match.index)));
    const capitals = letters === letters.toUpperCase();
    const bare = BARE_NUMBER_AFTER_POSTCODE.exec(text.slice(end));
    // "1500 GB" is a size, "1500 GB 12" a postcode with a house number.
    const plainCapitals = capitals && (!NOT_POSTCODE_LETTERS.has(letters) || bare !== null);
    if (!plainCapitals && !cue && !labelled && !nextToStreet) continue;
    const number = labelled ?? bare;
    const stop = number ? end + number[0].length : end;
    found.push(finding('ADDRESS', text, match.index, stop, addressKey(text.slice(match.index, stop))));
  }
  return found;
}
