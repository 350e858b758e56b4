import en from '../../i18n/en.json';
import nl from '../../i18n/nl.json';
import { SUPPORTED_LOCALES, type SupportedLocale } from './locale';
import { DISCLOSURE_KEYS } from './disclosure.constants';
import { isTextKey, localizedText, placeholdersOf, t, TEXT_KEYS, TEXT_PARAMS, textLocaleChain, type TextKey } from './texts';
import { TextsErrorCode, TextsException } from './texts.exception';

const CATALOGUES: Record<SupportedLocale, Record<string, string>> = { nl, en };

/** GSM 03.38 basic character set (plus the extension table): an SMS in these stays at 160 characters a part. */
const GSM7 = new Set(
  '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà' +
    '^{}\\[~]|€',
);

describe('customer-facing texts', () => {
  it('has exactly the same keys in every locale', () => {
    const reference = Object.keys(en).sort();
    for (const locale of SUPPORTED_LOCALES) {
      expect(Object.keys(CATALOGUES[locale]).sort()).toEqual(reference);
    }
    expect([...TEXT_KEYS].sort()).toEqual(reference);
  });

  it('has the same {param} placeholders per key in every locale, as TEXT_PARAMS declares', () => {
    for (const key of TEXT_KEYS) {
      const declared = [...TEXT_PARAMS[key]].sort();
      for (const locale of SUPPORTED_LOCALES) {
        expect({ key, locale, params: placeholdersOf(CATALOGUES[locale][key]!).sort() }).toEqual({ key, locale, params: declared });
      }
    }
  });

  it('has no empty text and no stray braces', () => {
    for (const locale of SUPPORTED_LOCALES) {
      for (const [key, text] of Object.entries(CATALOGUES[locale])) {
        expect({ key, locale, empty: text.trim() === '' }).toEqual({ key, locale, empty: false });
        const withoutPlaceholders = text.replace(/\{[A-Za-z][A-Za-z0-9_]*\}/g, '');
        expect({ key, locale, braces: /[{}]/.test(withoutPlaceholders) }).toEqual({ key, locale, braces: false });
      }
    }
  });

  it('keeps sentences short (plain language, B1): at most 25 words each', () => {
    for (const locale of SUPPORTED_LOCALES) {
      for (const [key, text] of Object.entries(CATALOGUES[locale])) {
        for (const sentence of text.split(/(?<=[.!?])\s+/)) {
          const words = sentence.split(/\s+/).filter(Boolean).length;
          expect({ key, locale, sentence, tooLong: words > 25 }).toEqual({ key, locale, sentence, tooLong: false });
        }
      }
    }
  });

  it('addresses Dutch customers informally with "je", never with "u" or "uw"', () => {
    for (const [key, text] of Object.entries(nl)) {
      expect({ key, formal: /(^|[^\p{L}])(u|uw)(?![\p{L}])/iu.test(text) }).toEqual({ key, formal: false });
    }
  });

  it('names the assistant as an AI, never as a person', () => {
    expect(t('assistant.displayName', 'nl')).toBe('AI-assistent');
    expect(t('assistant.displayName', 'en')).toBe('AI assistant');
    for (const locale of SUPPORTED_LOCALES) {
      expect(t('assistant.displayName', locale)).toContain('AI');
      expect(t('assistant.typing', locale)).toContain(t('assistant.displayName', locale));
      expect(t('assistant.notHuman', locale)).toMatch(locale === 'nl' ? /geen mens/ : /not a person/);
    }
    expect(t('assistant.typing', 'nl')).toBe('AI-assistent schrijft…');
    expect(t('assistant.typing', 'en')).toBe('AI assistant is writing…');
  });

  describe('disclosure', () => {
    const routeToPerson: Record<keyof typeof DISCLOSURE_KEYS, Record<SupportedLocale, RegExp[]>> = {
      web: {
        nl: [/Klik op "Praat met een medewerker"/, /typ dat je een mens wilt spreken/],
        en: [/Click "Talk to a person"/, /type that you want a person/],
      },
      sms: { nl: [/Stuur MENS/], en: [/Reply HUMAN/] },
      whatsapp: { nl: [/Stuur MENS/], en: [/Reply HUMAN/] },
      email: { nl: [/met het woord "mens"/], en: [/with the word "human"/] },
    };

    it.each(Object.keys(DISCLOSURE_KEYS) as Array<keyof typeof DISCLOSURE_KEYS>)(
      'on %s says it is an AI, not a person, how to reach a person, and not to share sensitive data',
      (channel) => {
        for (const locale of SUPPORTED_LOCALES) {
          const text = t(DISCLOSURE_KEYS[channel], locale);
          expect(text).toContain(t('assistant.displayName', locale));
          expect(text).toContain(locale === 'nl' ? 'computerprogramma, geen mens' : 'computer program, not a person');
          for (const route of routeToPerson[channel][locale]) expect(text).toMatch(route);
          expect(text).toContain('BSN');
          expect(text).toMatch(locale === 'nl' ? /medische/ : /medical/);
        }
      },
    );

    it('on the web names the button by its label', () => {
      for (const locale of SUPPORTED_LOCALES) {
        expect(t('disclosure.web', locale)).toContain(`"${t('action.talkToPerson', locale)}"`);
      }
    });
  });

  it('writes SMS texts in the GSM-7 alphabet only, so a part holds 160 characters', () => {
    const smsKeys = TEXT_KEYS.filter((k) => k === 'disclosure.sms' || k.startsWith('sms.'));
    expect(smsKeys.length).toBeGreaterThan(1);
    for (const key of smsKeys) {
      for (const locale of SUPPORTED_LOCALES) {
        const outside = [...CATALOGUES[locale][key]!.replace(/\{[A-Za-z]+\}/g, '')].filter((c) => !GSM7.has(c));
        expect({ key, locale, outside }).toEqual({ key, locale, outside: [] });
      }
    }
  });

  it('gives the crisis lines exactly: 112, and 113 Zelfmoordpreventie on 0800-0113 or 113.nl', () => {
    for (const locale of SUPPORTED_LOCALES) {
      const text = t('sensitive.crisis', locale);
      expect(text).toMatch(/\b112\b/);
      expect(text).toContain('113 Zelfmoordpreventie');
      expect(text).toContain('0800-0113');
      expect(text).toContain('113.nl');
    }
  });

  it('shows a person in the conversation by name and role', () => {
    expect(t('status.agentJoined', 'nl', { agentName: 'Sanne' })).toBe('Sanne (medewerker) helpt je nu verder.');
    expect(t('status.agentJoined', 'en', { agentName: 'Sanne' })).toBe('Sanne (agent) is now helping you.');
    expect(t('agent.roleLabel', 'nl')).toBe('medewerker');
    expect(t('agent.roleLabel', 'en')).toBe('agent');
  });

  it('tells the customer honestly when a person answers outside opening hours, with the other routes', () => {
    const params = { nextOpening: 'maandag 09:00', phone: '020 123 4567', email: 'klantenservice@example.nl' };
    const text = t('status.waitingOutsideHours', 'nl', params);
    expect(text).toContain('Er is nu geen medewerker beschikbaar');
    expect(text).toContain('Vanaf maandag 09:00');
    expect(text).toContain('terugbellen');
    expect(text).toContain('020 123 4567');
    expect(text).toContain('klantenservice@example.nl');
    expect(t('status.waitingOutsideHours', 'en', { ...params, nextOpening: 'Monday 09:00' })).toContain('from Monday 09:00');
  });

  describe('t', () => {
    it('reads the primary language of a BCP-47 tag', () => {
      expect(t('agent.roleLabel', 'nl-BE')).toBe('medewerker');
      expect(t('agent.roleLabel', 'en-GB')).toBe('agent');
    });

    it('falls back to English, then Dutch', () => {
      expect(textLocaleChain('de')).toEqual(['en', 'nl']);
      expect(textLocaleChain('nl')).toEqual(['nl', 'en']);
      expect(textLocaleChain(undefined)).toEqual(['en', 'nl']);
      expect(localizedText('agent.roleLabel', 'de-DE')).toEqual({ text: 'agent', locale: 'en' });
    });

    it('throws for a key no locale has', () => {
      const unknown = 'no.such.key' as 'agent.roleLabel';
      expect(isTextKey(unknown)).toBe(false);
      expect(isTextKey('agent.roleLabel')).toBe(true);
      expect(() => t(unknown, 'nl')).toThrow(TextsException);
      try {
        t(unknown, 'nl');
      } catch (e) {
        expect((e as TextsException).code).toBe(TextsErrorCode.UnknownKey);
      }
    });

    it('throws rather than sending a customer an unfilled {param}', () => {
      const call = t as (key: TextKey, locale: string, params?: Record<string, string>) => string;
      expect(() => call('status.agentJoined', 'nl')).toThrow(/agentName/);
      expect(() => call('handoff.humanRoutes', 'en', { phone: '112' })).toThrow(expect.objectContaining({ code: TextsErrorCode.MissingParam }));
    });

    it('fills numbers and repeated placeholders', () => {
      expect(t('handoff.humanRoutes', 'en', { phone: 201234567, email: 'help@example.com' })).toBe(
        'You can also reach a person on 201234567 or at help@example.com.',
      );
    });
  });
});
