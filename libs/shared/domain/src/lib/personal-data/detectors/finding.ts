import type { PersonalDataFinding, PersonalDataType } from '../personal-data.types';

export function finding(type: PersonalDataType, source: string, start: number, end: number, key: string): PersonalDataFinding {
  return { type, start, end, text: source.slice(start, end), key };
}

/** Letters or digits (any script), for word boundaries that also hold for "é", "ı", "ö". */
export const WORD_CHAR = /[\p{L}\p{N}]/u;

export function isWordChar(ch: string | undefined): boolean {
  return ch !== undefined && WORD_CHAR.test(ch);
}
