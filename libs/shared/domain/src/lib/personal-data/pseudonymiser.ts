import { detectPersonalData } from './detect-personal-data';
import { nameKey, nameParts } from './detectors/known-person.detector';
import { phoneKey } from './detectors/phone.detector';
import { PERSONAL_DATA_TYPES, type DetectOptions, type KnownPerson, type PersonalDataFinding, type PersonalDataType } from './personal-data.types';

/** The brackets of a placeholder: U+27E8 and U+27E9 (mathematical angle brackets). */
export const PLACEHOLDER_OPEN = '⟨';
export const PLACEHOLDER_CLOSE = '⟩';

/** `⟨EMAIL_1⟩`, `⟨PHONE_12⟩`, …; only types the pseudonymiser makes. */
export const PLACEHOLDER_PATTERN = new RegExp(`${PLACEHOLDER_OPEN}(${PERSONAL_DATA_TYPES.join('|')})_(\\d{1,6})${PLACEHOLDER_CLOSE}`, 'g');

/**
 * Brackets that look like a placeholder's (⟨ ⟩ 〈 〉 〈 〉) become single guillemets (‹ ›)
 * in text from outside, so nothing a customer types can pass for, or be restored as, a
 * placeholder. One character for one, so offsets stay the same.
 */
export function neutralisePlaceholderBrackets(text: string): string {
  return text.replace(/[⟨〈〈]/g, '‹').replace(/[⟩〉〉]/g, '›');
}

export interface PseudonymiserOptions extends DetectOptions {
  /** Values to give the first placeholders, in this order (e.g. the contact from the contacts table). */
  known?: readonly KnownPerson[];
}

/**
 * Replaces personal data with typed placeholders before a text goes to a model, and puts
 * the real values back into what the model wrote.
 *
 * One instance is one conversation's mapping: the same value (in any notation: "06-1234
 * 5678" and "+31 6 12345678") always gets the same placeholder, numbered per type in the
 * order first seen, so placeholders stay consistent across the turns of one prompt and,
 * when the caller feeds the conversation's messages in order, across calls. The contact's
 * known name, e-mail and phone get the first placeholders and are masked wherever they
 * appear. The mapping lives in memory only.
 */
export class Pseudonymiser {
  private readonly placeholderByKey = new Map<string, string>();
  private readonly valueByPlaceholder = new Map<string, string>();
  private readonly counters = new Map<PersonalDataType, number>();
  private readonly detectOptions: DetectOptions;

  constructor(options: PseudonymiserOptions = {}) {
    this.detectOptions = { known: options.known ?? [], defaultCountry: options.defaultCountry ?? 'NL', ...(options.today ? { today: options.today } : {}) };
    for (const person of options.known ?? []) {
      const name = person.name?.trim();
      if (name) {
        const placeholder = this.placeholderFor('NAME', nameKey(name), name);
        for (const part of nameParts(name)) this.placeholderByKey.set(`NAME:${nameKey(part)}`, placeholder);
      }
      const email = person.email?.trim();
      if (email) this.placeholderFor('EMAIL', email.toLowerCase(), email);
      const phone = person.phone?.trim();
      const key = phone ? phoneKey(phone, this.detectOptions.defaultCountry) : null;
      if (phone && key) this.placeholderFor('PHONE', key, phone);
    }
  }

  /** The findings in a text (after neutralising look-alike brackets), without changing the mapping. */
  detect(text: string): PersonalDataFinding[] {
    return detectPersonalData(neutralisePlaceholderBrackets(text), this.detectOptions);
  }

  /** The text with every piece of personal data replaced by its placeholder. */
  pseudonymise(text: string): string {
    const safe = neutralisePlaceholderBrackets(text);
    const findings = detectPersonalData(safe, this.detectOptions);
    let out = '';
    let at = 0;
    for (const f of findings) {
      out += safe.slice(at, f.start) + this.placeholderFor(f.type, f.key, f.text);
      at = f.end;
    }
    return out + safe.slice(at);
  }

  /** The model's text with the real values back where it used this mapping's placeholders; unknown placeholders stay. */
  restore(text: string): string {
    return text.replace(PLACEHOLDER_PATTERN, (placeholder: string) => this.valueByPlaceholder.get(placeholder) ?? placeholder);
  }

  /** Placeholder → real value, for tests and diagnostics (never log it: it is personal data). */
  get mapping(): ReadonlyMap<string, string> {
    return new Map(this.valueByPlaceholder);
  }

  private placeholderFor(type: PersonalDataType, key: string, written: string): string {
    const mapKey = `${type}:${type === 'NAME' ? nameKey(key) : key}`;
    const existing = this.placeholderByKey.get(mapKey);
    if (existing) return existing;
    const n = (this.counters.get(type) ?? 0) + 1;
    this.counters.set(type, n);
    const placeholder = `${PLACEHOLDER_OPEN}${type}_${n}${PLACEHOLDER_CLOSE}`;
    this.placeholderByKey.set(mapKey, placeholder);
    this.valueByPlaceholder.set(placeholder, written);
    return placeholder;
  }
}
