import { findNumbers, type CountryCode } from 'libphonenumber-js/max';
import type { PersonalDataFinding } from '../personal-data.types';
import { finding } from './finding';

/** What may stand between a number and its extension: "ext. 12", "toestel 214", "x12", ", 12". */
const EXTENSION_LABEL = /[\s,;:.]*(?:ext\.?|extension|x|#|toestel|tst\.?)?[\s.:]*$/i;

/**
 * Phone numbers through libphonenumber (the full "max" metadata, so a number must fit a
 * real numbering plan, not only look like one): Dutch notations (06-12345678, 020 123 4567,
 * +31 (0)6 …, 0031 6 …) and international ones (+44 …, +32 …). Only numbers written with
 * a trunk prefix (0), a + or 00 count: a bare 9-digit run is more often an order number or
 * a BSN than a phone number written without its 0.
 *
 * libphonenumber reads what follows a number after a comma or "ext." as its extension (a
 * list "06-12345678, 0612345678" would become one number); the extension is cut off and
 * the text after the number is searched again.
 */
export function detectPhones(text: string, defaultCountry: CountryCode = 'NL'): PersonalDataFinding[] {
  const found: PersonalDataFinding[] = [];
  let offset = 0;
  scan: while (offset < text.length) {
    for (const match of findNumbers(text.slice(offset), { defaultCountry, v2: true })) {
      const start = offset + match.startsAt;
      let end = offset + match.endsAt;
      const ext = match.number.ext;
      if (ext) {
        const written = text.slice(start, end);
        const extAt = written.lastIndexOf(ext);
        if (extAt > 0) end = start + written.slice(0, extAt).replace(EXTENSION_LABEL, '').length;
      }
      const written = text.slice(start, end);
      if (/^(?:\+|00|0|\(0)/.test(written) && match.number.isValid()) found.push(finding('PHONE', text, start, end, match.number.number));
      if (ext) {
        offset = end;
        continue scan;
      }
    }
    break;
  }
  return found;
}

/** The E.164 form of a phone number, or null when libphonenumber cannot read a valid one. */
export function phoneKey(phone: string, defaultCountry: CountryCode = 'NL'): string | null {
  const [match] = findNumbers(phone, { defaultCountry, v2: true });
  return match && match.number.isValid() ? match.number.number : null;
}
