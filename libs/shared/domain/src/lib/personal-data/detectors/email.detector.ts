import type { PersonalDataFinding } from '../personal-data.types';
import { finding } from './finding';

/**
 * Candidates: a local part of letters, digits and . _ % + - ' and a domain of dotted labels
 * ending in a top-level domain of letters. Validated: no leading, trailing or double dot
 * in the local part, labels that neither start nor end with a hyphen, a TLD of 2–24 letters.
 */
const CANDIDATE = /(?<![\p{L}\p{N}._%+'-])[\p{L}\p{N}._%+'-]{1,64}@(?:[\p{L}\p{N}-]{1,63}\.)+[\p{L}]{2,24}(?![\p{L}\p{N}-]|\.[\p{L}\p{N}])/gu;

function isValidEmail(address: string): boolean {
  const at = address.lastIndexOf('@');
  const local = address.slice(0, at);
  const domain = address.slice(at + 1);
  if (!local || local.startsWith('.') || local.endsWith('.') || local.includes('..')) return false;
  const labels = domain.split('.');
  if (labels.some((label) => label.length === 0 || label.startsWith('-') || label.endsWith('-'))) return false;
  return /^\p{L}{2,24}$/u.test(labels.at(-1)!);
}

export function detectEmails(text: string): PersonalDataFinding[] {
  const found: PersonalDataFinding[] = [];
  for (const match of text.matchAll(CANDIDATE)) {
    // A leading quote or dot is punctuation around the address, not part of it.
    let start = match.index;
    let value = match[0];
    while (/^['.]/.test(value)) {
      start++;
      value = value.slice(1);
    }
    if (isValidEmail(value)) found.push(finding('EMAIL', text, start, start + value.length, value.toLowerCase()));
  }
  return found;
}
