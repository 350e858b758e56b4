import type { PersonalDataFinding } from '../personal-data.types';
import { IBAN_LENGTHS, compactIban, isValidIban } from '../validators';
import { finding, isWordChar } from './finding';

const START = /(?<![\p{L}\p{N}])([A-Za-z]{2})(\d{2})/gu;

/**
 * IBANs as written, compact (`NL91ABNA0417164300`), in groups of four with single spaces,
 * or in lower case. The scanner reads exactly the country's length, so a following word is
 * never swallowed; then the mod-97 check decides.
 */
export function detectIbans(text: string): PersonalDataFinding[] {
  const found: PersonalDataFinding[] = [];
  for (const match of text.matchAll(START)) {
    const length = IBAN_LENGTHS[match[1]!.toUpperCase()];
    if (!length) continue;
    let need = length - 4;
    let i = match.index + 4;
    while (need > 0 && i < text.length) {
      const ch = text[i]!;
      if (/[A-Za-z0-9]/.test(ch)) {
        need--;
        i++;
      } else if (ch === ' ' && /[A-Za-z0-9]/.test(text[i + 1] ?? '')) {
        i++;
      } else {
        break;
      }
    }
    if (need > 0 || isWordChar(text[i])) continue;
    const written = text.slice(match.index, i);
    if (isValidIban(written)) found.push(finding('IBAN', text, match.index, i, compactIban(written)));
  }
  return found;
}
