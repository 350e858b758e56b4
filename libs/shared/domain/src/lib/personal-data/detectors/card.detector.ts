import type { PersonalDataFinding } from '../personal-data.types';
import { isValidCardNumber } from '../validators';
import { finding } from './finding';

/** Card numbers as printed: 4-4-4-4(-1..3) or Amex/Diners 4-6-4/5, one kind of separator (space or hyphen). */
const GROUPED = /(?<![\p{L}\p{N}]|[\p{N}][ -])(\d{4}([ -])\d{4}\2\d{4}\2\d{4}(?:\2\d{1,3})?|\d{4}([ -])\d{6}\3\d{4,5})(?![\p{L}\p{N}])/gu;
/** 12–19 digits in a row. */
const PLAIN = /(?<![\p{L}\p{N}]|[\p{N}][ -])\d{12,19}(?![\p{L}\p{N}]|[ -][\p{N}])/gu;

/** Payment card numbers: a known network's range and length, and the Luhn check. */
export function detectCards(text: string): PersonalDataFinding[] {
  const found: PersonalDataFinding[] = [];
  for (const match of text.matchAll(GROUPED)) {
    let written = match[1]!;
    // A short fifth group may be something else written after the card (an expiry month).
    if (!isValidCardNumber(written) && /^\d{4}([ -])\d{4}\1\d{4}\1\d{4}\1\d{1,3}$/.test(written)) written = written.slice(0, 19);
    if (isValidCardNumber(written)) found.push(finding('CARD', text, match.index, match.index + written.length, written.replace(/\D/g, '')));
  }
  for (const match of text.matchAll(PLAIN)) {
    if (isValidCardNumber(match[0])) found.push(finding('CARD', text, match.index, match.index + match[0].length, match[0]));
  }
  return found;
}
