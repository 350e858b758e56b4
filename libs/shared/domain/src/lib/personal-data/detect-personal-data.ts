import type { DetectOptions, PersonalDataFinding, PersonalDataType } from './personal-data.types';
import { detectAddresses } from './detectors/address.detector';
import { detectBirthDates } from './detectors/birth-date.detector';
import { detectBsns } from './detectors/bsn.detector';
import { detectCards } from './detectors/card.detector';
import { detectEmails } from './detectors/email.detector';
import { detectIbans } from './detectors/iban.detector';
import { detectKnownPeople } from './detectors/known-person.detector';
import { detectNames } from './detectors/name.detector';
import { detectPhones } from './detectors/phone.detector';

/** When two findings overlap, the type earlier in this list wins (a checksum beats a cue). */
const PRIORITY: readonly PersonalDataType[] = ['EMAIL', 'IBAN', 'CARD', 'PHONE', 'BSN', 'BIRTHDATE', 'ADDRESS', 'NAME'];

/**
 * Every piece of personal data in a text, in order, without overlaps: e-mail, phone
 * numbers, IBAN, BSN, payment cards, Dutch addresses, dates of birth, names given with a
 * cue, and the known contact's own name and e-mail wherever they appear.
 */
export function detectPersonalData(text: string, options: DetectOptions = {}): PersonalDataFinding[] {
  const candidates = [
    ...detectKnownPeople(text, options.known ?? []),
    ...detectEmails(text),
    ...detectIbans(text),
    ...detectCards(text),
    ...detectPhones(text, options.defaultCountry ?? 'NL'),
    ...detectBsns(text),
    ...detectBirthDates(text, options.today),
    ...detectAddresses(text),
    ...detectNames(text),
  ];
  candidates.sort((a, b) => PRIORITY.indexOf(a.type) - PRIORITY.indexOf(b.type) || b.end - b.start - (a.end - a.start) || a.start - b.start);
  const kept: PersonalDataFinding[] = [];
  for (const candidate of candidates) {
    if (kept.every((k) => candidate.end <= k.start || candidate.start >= k.end)) kept.push(candidate);
  }
  return kept.sort((a, b) => a.start - b.start);
}
