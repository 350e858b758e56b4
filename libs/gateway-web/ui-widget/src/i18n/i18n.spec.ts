import en from './en.json';
import nl from './nl.json';
import { format, placeholders, resolveUiLocale, TEXTS } from './i18n';

describe('the widget texts', () => {
  it('have the same keys in Dutch and English', () => {
    expect(Object.keys(nl).sort()).toEqual(Object.keys(en).sort());
  });

  it('have no empty text in either language', () => {
    for (const [locale, texts] of Object.entries(TEXTS)) {
      for (const [key, text] of Object.entries(texts)) expect({ locale, key, empty: text.trim() === '' }).toEqual({ locale, key, empty: false });
    }
  });

  it('use the same placeholders in both languages', () => {
    for (const key of Object.keys(en) as (keyof typeof en)[]) expect({ key, nl: placeholders(nl[key]) }).toEqual({ key, nl: placeholders(en[key]) });
  });

  it('name the assistant as an AI and a person with "medewerker" / "agent" (R03)', () => {
    expect(nl['author.ai']).toMatch(/AI/);
    expect(en['author.ai']).toMatch(/AI/);
    expect(format(nl['author.agent'], { name: 'Sanne' })).toBe('Sanne (medewerker)');
    expect(format(en['author.agent'], { name: 'Sanne' })).toBe('Sanne (agent)');
  });
});

describe('format', () => {
  it('fills placeholders and leaves unknown ones as they are', () => {
    expect(format('{a} and {b}', { a: 1 })).toBe('1 and {b}');
  });
});

describe('resolveUiLocale', () => {
  it('takes the first supported language: data-locale, then the browser languages', () => {
    expect(resolveUiLocale(['en', 'nl-NL'])).toBe('en');
    expect(resolveUiLocale([null, 'de-DE', 'en-US', 'nl'])).toBe('en');
    expect(resolveUiLocale(['nl-BE'])).toBe('nl');
    expect(resolveUiLocale(['EN_gb'])).toBe('en');
  });

  it('falls back to Dutch when nothing fits', () => {
    expect(resolveUiLocale([undefined, 'fr-FR', ''])).toBe('nl');
    expect(resolveUiLocale([], 'en')).toBe('en');
  });
});
