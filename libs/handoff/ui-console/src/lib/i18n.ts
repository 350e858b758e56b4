import en from '../i18n/en.json';
import nl from '../i18n/nl.json';

/** Languages of the console's own texts (a message keeps the conversation's language). English is the default. */
export type Lang = 'en' | 'nl';
export const LANGS: readonly Lang[] = ['en', 'nl'];
export type TextKey = keyof typeof en;
export type TextParams = Record<string, string | number>;
export type Translate = (key: TextKey, params?: TextParams) => string;

/** Every language has every key of en.json (nl.json is checked against it here and in i18n.spec.ts). */
export const MESSAGES: Record<Lang, Record<TextKey, string>> = { en, nl };

/** The text of `key` in `lang` with `{name}` placeholders filled; an unknown placeholder is left as it is. */
export function translate(lang: Lang, key: TextKey, params: TextParams = {}): string {
  const text = MESSAGES[lang][key] ?? MESSAGES.en[key] ?? key;
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

export function translator(lang: Lang): Translate {
  return (key, params) => translate(lang, key, params);
}

/** The stored choice when it is a console language, else English (the console's default). */
export function pickLang(stored: string | null | undefined): Lang {
  return stored === 'nl' || stored === 'en' ? stored : 'en';
}

/** The placeholders `{name}` a text uses, sorted: both languages must use the same ones. */
export function placeholders(text: string): string[] {
  return [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1] ?? '').sort();
}
