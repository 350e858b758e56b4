import en from './en.json';
import nl from './nl.json';

/** The languages of the widget's own texts (the conversation itself may be in either). */
export const UI_LOCALES = ['nl', 'en'] as const;
export type UiLocale = (typeof UI_LOCALES)[number];

export type TextKey = keyof typeof en;
export type Texts = Readonly<Record<TextKey, string>>;

/** Every UI text in Dutch and English; a key missing in one of them is a type error here. */
export const TEXTS: Readonly<Record<UiLocale, Texts>> = { nl, en };

/** BCP-47 tags for Intl (dates and times). */
export const INTL_LOCALE: Readonly<Record<UiLocale, string>> = { nl: 'nl-NL', en: 'en-GB' };

/** The other UI language (the language switch offers it). */
export function otherLocale(locale: UiLocale): UiLocale {
  return locale === 'nl' ? 'en' : 'nl';
}

export function isUiLocale(value: unknown): value is UiLocale {
  return typeof value === 'string' && (UI_LOCALES as readonly string[]).includes(value);
}

/** Fills `{name}` placeholders; an unknown one stays as it is. */
export function format(template: string, params: Readonly<Record<string, string | number>> = {}): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

/** The `{name}` placeholders of a text, sorted. */
export function placeholders(template: string): string[] {
  return [...template.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!).sort();
}

/**
 * The UI language: the first candidate whose primary tag is supported (`data-locale`,
 * then the browser's languages: "nl-BE" → nl, "en-US" → en), else `fallback`.
 */
export function resolveUiLocale(candidates: ReadonlyArray<string | null | undefined>, fallback: UiLocale = 'nl'): UiLocale {
  for (const candidate of candidates) {
    const primary = candidate?.trim().toLowerCase().split(/[-_]/)[0];
    if (isUiLocale(primary)) return primary;
  }
  return fallback;
}

export function textsFor(locale: UiLocale): Texts {
  return TEXTS[locale];
}
