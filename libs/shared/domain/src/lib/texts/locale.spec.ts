import { DEFAULT_LOCALE, isSupportedLocale, primaryLanguageTag, resolveLocale, SUPPORTED_LOCALES } from './locale';

describe('locales', () => {
  it('supports Dutch and English, Dutch by default', () => {
    expect(SUPPORTED_LOCALES).toEqual(['nl', 'en']);
    expect(DEFAULT_LOCALE).toBe('nl');
    expect(isSupportedLocale('nl')).toBe(true);
    expect(isSupportedLocale('de')).toBe(false);
    expect(isSupportedLocale(undefined)).toBe(false);
  });

  it('takes the primary subtag of a BCP-47 tag', () => {
    expect(primaryLanguageTag('nl-BE')).toBe('nl');
    expect(primaryLanguageTag('EN_gb')).toBe('en');
    expect(primaryLanguageTag('zh-Hant-TW')).toBe('zh');
  });

  it.each([
    ['nl', 'en', 'nl'],
    ['nl-BE', 'en', 'nl'],
    ['NL-nl', 'en', 'nl'],
    ['en-US', 'nl', 'en'],
    ['en', 'nl', 'en'],
    ['de-DE', 'nl', 'nl'],
    ['de-DE', 'en', 'en'],
    ['*', 'nl', 'nl'],
    ['', 'en', 'en'],
    ['fr-FR, en;q=0.8, nl;q=0.5', 'nl', 'en'],
    ['de, nl;q=0.9, en;q=0.9', 'en', 'nl'],
    ['en;q=0, nl;q=0.1', 'en', 'nl'],
  ] as const)('resolves %j (fallback %s) to %s', (tag, fallback, expected) => {
    expect(resolveLocale(tag, fallback)).toBe(expected);
  });

  it('uses the fallback for a missing tag, Dutch unless told', () => {
    expect(resolveLocale(undefined, 'en')).toBe('en');
    expect(resolveLocale(null)).toBe('nl');
  });
});
