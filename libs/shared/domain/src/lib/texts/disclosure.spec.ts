import { createHash } from 'node:crypto';
import en from '../../i18n/en.json';
import nl from '../../i18n/nl.json';
import { DISCLOSURE_HISTORY, DISCLOSURE_KEYS, DISCLOSURE_VERSION, disclosureFor } from './disclosure.constants';
import { SUPPORTED_LOCALES, type SupportedLocale } from './locale';

const CATALOGUES: Record<SupportedLocale, Record<string, string>> = { nl, en };

/** SHA-256 over every locale's disclosure texts, in a fixed order. */
function disclosureTextsHash(): string {
  const keys = Object.values(DISCLOSURE_KEYS).sort();
  const texts = [...SUPPORTED_LOCALES].sort().map((locale) => [locale, keys.map((key) => [key, CATALOGUES[locale][key] ?? null])]);
  return createHash('sha256').update(JSON.stringify(texts)).digest('hex');
}

describe('disclosure versioning', () => {
  it('fails when a disclosure text changes without a new DISCLOSURE_VERSION', () => {
    const current = disclosureTextsHash();
    const latest = DISCLOSURE_HISTORY[DISCLOSURE_HISTORY.length - 1]!;
    const known = DISCLOSURE_HISTORY.find((entry) => entry.sha256 === current);
    if (known && known !== latest) {
      throw new Error(`The disclosure texts are those of version ${known.version}; add a new version rather than reverting to old texts silently.`);
    }
    if (current !== latest.sha256) {
      throw new Error(
        `The disclosure texts changed. Append { version: '<YYYY-MM-DD.N>', sha256: '${current}' } to DISCLOSURE_HISTORY ` +
          `in disclosure.constants.ts (do not edit ${latest.version}).`,
      );
    }
    expect(DISCLOSURE_VERSION).toBe(latest.version);
  });

  it('keeps a history of distinct, increasing versions with distinct hashes', () => {
    const versions = DISCLOSURE_HISTORY.map((entry) => entry.version);
    for (const version of versions) expect(version).toMatch(/^\d{4}-\d{2}-\d{2}\.\d+$/);
    const order = (v: string) => {
      const [date, n] = v.split('.');
      return `${date}.${n!.padStart(4, '0')}`;
    };
    expect([...versions].sort((a, b) => order(a).localeCompare(order(b)))).toEqual(versions);
    expect(new Set(versions).size).toBe(versions.length);
    expect(new Set(DISCLOSURE_HISTORY.map((entry) => entry.sha256)).size).toBe(DISCLOSURE_HISTORY.length);
  });

  it('gives the text, the language used and the version for the evidence log', () => {
    expect(disclosureFor('whatsapp', 'nl-NL')).toEqual({
      channel: 'whatsapp',
      text: nl['disclosure.whatsapp'],
      locale: 'nl',
      version: DISCLOSURE_VERSION,
    });
    expect(disclosureFor('email', 'fr').locale).toBe('en');
  });
});
