import type { PersonalDataFinding } from '../personal-data.types';
import { isValidBsn } from '../validators';
import { before } from './context';
import { finding } from './finding';

/** Nine digits: plain, 3-3-3 or 4-2-3 with one kind of separator (space, dot, hyphen). */
const CANDIDATE =
  /(?<![\p{L}\p{N}#€$£/]|[\p{N}][.,\-/ ]|[.,-])(\d{9}|\d{3}([ .-])\d{3}\2\d{3}|\d{4}([ .])\d{2}\3\d{3})(?![\p{L}\p{N}]|[.,\-/][\p{N}])/gu;

/** Words right before the number that say it is a BSN. */
const BSN_CUE = /\b(?:bsn|burger\s?service\s?nummer|sofi(?:\s?nummer)?|citizen\s+service\s+number|social\s+security)\b/i;
/** Words right before the number that say it is something else (an order, an invoice, a parcel). */
const OTHER_CUE = /\b(?:order|bestel|factu|invoice|referen|ref\b|kenmerk|ticket|track|zending|pakbon|artikel|product|sku|ean|serie|serial|transac|batch|klantnummer|customer\s+number|account\s+number|rekening)/i;

/**
 * BSN (burgerservicenummer): nine digits that pass the 11-proef. A random nine-digit number
 * passes it one time in eleven, so a number that the words just before it call an order,
 * invoice, reference or parcel number is left alone unless those words also say "BSN".
 */
export function detectBsns(text: string): PersonalDataFinding[] {
  const found: PersonalDataFinding[] = [];
  for (const match of text.matchAll(CANDIDATE)) {
    const written = match[1]!;
    if (!isValidBsn(written)) continue;
    const context = before(text, match.index, 40);
    if (!BSN_CUE.test(context) && OTHER_CUE.test(context)) continue;
    found.push(finding('BSN', text, match.index, match.index + written.length, written.replace(/\D/g, '')));
  }
  return found;
}
