/**
 * Checks that make a detector more than a pattern: ISO 13616 IBAN (country length and
 * mod-97), the Dutch BSN 11-proef, the Luhn check and issuer ranges of payment cards,
 * the Dutch postcode, and real calendar dates.
 */

/** IBAN length per country (SWIFT IBAN registry). */
export const IBAN_LENGTHS: Readonly<Record<string, number>> = {
  AD: 24, AE: 23, AL: 28, AT: 20, AZ: 28, BA: 20, BE: 16, BG: 22, BH: 22, BR: 29, BY: 28, CH: 21, CR: 22, CY: 28,
  CZ: 24, DE: 22, DK: 18, DO: 28, EE: 20, EG: 29, ES: 24, FI: 18, FO: 18, FR: 27, GB: 22, GE: 22, GI: 23, GL: 18,
  GR: 27, GT: 28, HR: 21, HU: 28, IE: 22, IL: 23, IQ: 23, IS: 26, IT: 27, JO: 30, KW: 30, KZ: 20, LB: 28, LC: 32,
  LI: 21, LT: 20, LU: 20, LV: 21, LY: 25, MC: 27, MD: 24, ME: 22, MK: 19, MR: 27, MT: 31, MU: 30, NL: 18, NO: 15,
  PK: 24, PL: 28, PS: 29, PT: 25, QA: 29, RO: 24, RS: 22, SA: 24, SC: 31, SE: 24, SI: 19, SK: 24, SM: 27, ST: 25,
  SV: 28, TL: 23, TN: 24, TR: 26, UA: 29, VA: 22, VG: 24, XK: 20,
};

/** The IBAN with spaces removed and letters in capitals. */
export function compactIban(iban: string): string {
  return iban.replace(/\s+/g, '').toUpperCase();
}

/** Remainder of a number written as decimal digits and letters (A=10 … Z=35) modulo 97. */
function mod97(text: string): number {
  let remainder = 0;
  for (const ch of text) {
    const value = ch >= 'A' && ch <= 'Z' ? ch.charCodeAt(0) - 55 : ch.charCodeAt(0) - 48;
    remainder = value >= 10 ? (remainder * 100 + value) % 97 : (remainder * 10 + value) % 97;
  }
  return remainder;
}

/** A known country, the country's length, letters and digits only, and the mod-97 check (ISO 13616). */
export function isValidIban(iban: string): boolean {
  const compact = compactIban(iban);
  if (!/^[A-Z]{2}\d{2}[A-Z0-9]+$/.test(compact)) return false;
  if (IBAN_LENGTHS[compact.slice(0, 2)] !== compact.length) return false;
  return mod97(compact.slice(4) + compact.slice(0, 4)) === 1;
}

/** The two check digits that make `country` + `bban` a valid IBAN (for tests and generators). */
export function ibanCheckDigits(country: string, bban: string): string {
  return String(98 - mod97(`${bban}${country}00`.toUpperCase())).padStart(2, '0');
}

/** The 11-proef of a BSN: 9 digits, 9×d1 + 8×d2 + … + 2×d8 − 1×d9 divisible by 11, not all zeros. */
export function isValidBsn(bsn: string): boolean {
  const digits = bsn.replace(/\D/g, '');
  if (!/^\d{9}$/.test(digits) || /^0+$/.test(digits)) return false;
  let sum = 0;
  for (let i = 0; i < 8; i++) sum += Number(digits[i]) * (9 - i);
  sum -= Number(digits[8]);
  return sum % 11 === 0;
}

/** The Luhn (mod-10) check of a digit string. */
export function isLuhnValid(digits: string): boolean {
  if (!/^\d+$/.test(digits)) return false;
  let sum = 0;
  let double = false;
  for (let i = digits.length - 1; i >= 0; i--) {
    let d = Number(digits[i]);
    if (double) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
    double = !double;
  }
  return sum % 10 === 0;
}

export type CardBrand = 'visa' | 'mastercard' | 'amex' | 'maestro' | 'discover' | 'jcb' | 'diners' | 'unionpay';

interface BrandRule {
  brand: CardBrand;
  /** Inclusive prefix ranges, compared on as many digits as the bounds have. */
  ranges: readonly (readonly [string, string])[];
  lengths: readonly number[];
}

/**
 * Issuer identification ranges of the card networks a European shop sees. Visa's 13-digit
 * numbers are left out on purpose: they are no longer issued and collide with EAN-13
 * product codes.
 */
const CARD_BRANDS: readonly BrandRule[] = [
  { brand: 'visa', ranges: [['4', '4']], lengths: [16, 19] },
  { brand: 'mastercard', ranges: [['51', '55'], ['2221', '2720']], lengths: [16] },
  { brand: 'amex', ranges: [['34', '34'], ['37', '37']], lengths: [15] },
  { brand: 'discover', ranges: [['6011', '6011'], ['644', '649'], ['65', '65']], lengths: [16, 19] },
  { brand: 'unionpay', ranges: [['62', '62']], lengths: [16, 17, 18, 19] },
  { brand: 'jcb', ranges: [['3528', '3589']], lengths: [16, 17, 18, 19] },
  { brand: 'diners', ranges: [['300', '305'], ['36', '36'], ['38', '39']], lengths: [14, 15, 16, 17, 18, 19] },
  { brand: 'maestro', ranges: [['50', '50'], ['56', '69']], lengths: [12, 13, 14, 15, 16, 17, 18, 19] },
];

/** The network of a card number by its issuer range and length, or null. */
export function cardBrand(digits: string): CardBrand | null {
  if (!/^\d{12,19}$/.test(digits)) return null;
  for (const rule of CARD_BRANDS) {
    if (!rule.lengths.includes(digits.length)) continue;
    for (const [low, high] of rule.ranges) {
      const prefix = digits.slice(0, low.length);
      if (prefix >= low && prefix <= high) return rule.brand;
    }
  }
  return null;
}

/** A payment card number: a known network's range and length, and the Luhn check. */
export function isValidCardNumber(number: string): boolean {
  const digits = number.replace(/[\s-]/g, '');
  return cardBrand(digits) !== null && isLuhnValid(digits);
}

/** Dutch postcode: four digits not starting with 0, two letters, never SA, SD or SS. */
export function isDutchPostcode(text: string): boolean {
  const match = /^([1-9]\d{3}) ?([A-Za-z]{2})$/.exec(text.trim());
  return match !== null && !['SA', 'SD', 'SS'].includes(match[2]!.toUpperCase());
}

/** A real calendar date (leap years included). */
export function isRealDate(year: number, month: number, day: number): boolean {
  if (!Number.isInteger(year) || !Number.isInteger(month) || !Number.isInteger(day)) return false;
  if (month < 1 || month > 12 || day < 1) return false;
  const days = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return day <= days;
}
