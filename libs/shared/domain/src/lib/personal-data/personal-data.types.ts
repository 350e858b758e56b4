/**
 * Kinds of personal data the pseudonymiser masks before any text reaches a model provider
 * (R17, R18). The names appear in the placeholders: `⟨EMAIL_1⟩`, `⟨PHONE_2⟩`, …
 */
export const PERSONAL_DATA_TYPES = ['EMAIL', 'PHONE', 'IBAN', 'BSN', 'CARD', 'ADDRESS', 'BIRTHDATE', 'NAME'] as const;
export type PersonalDataType = (typeof PERSONAL_DATA_TYPES)[number];

/** Types whose detector checks a checksum or a numbering plan, not only a pattern. */
export const VALIDATED_TYPES: readonly PersonalDataType[] = ['EMAIL', 'PHONE', 'IBAN', 'BSN', 'CARD'];

/** One piece of personal data found in a text. */
export interface PersonalDataFinding {
  readonly type: PersonalDataType;
  /** Offsets in the text, `end` exclusive (UTF-16 code units, as String#slice). */
  readonly start: number;
  readonly end: number;
  /** The text as written. */
  readonly text: string;
  /**
   * The value in one normal form, so that two notations of one value get one placeholder:
   * e-mail lower case, phone E.164, IBAN/BSN/card digits and capitals only, a date as
   * yyyy-mm-dd, a name lower case with single spaces.
   */
  readonly key: string;
}

/** What the platform already knows about the customer (contacts table, channel address). */
export interface KnownPerson {
  name?: string | null;
  email?: string | null;
  /** E.164 or any notation libphonenumber can read with the default country. */
  phone?: string | null;
}

export interface DetectOptions {
  /** Their name, e-mail and phone are masked wherever they appear, with or without a cue. */
  known?: readonly KnownPerson[];
  /** Country of numbers written without a country code; default 'NL'. */
  defaultCountry?: 'NL' | 'BE' | 'DE' | 'GB' | 'FR';
  /** "Today", for telling a birth date from a future date; default the current date. */
  today?: Date;
}
