import en from '../i18n/en.json';
import nl from '../i18n/nl.json';
import { placeholders, pickLang, translate } from './i18n';

describe('console texts', () => {
  it('has the same keys in English and Dutch', () => {
    expect(Object.keys(nl).sort()).toEqual(Object.keys(en).sort());
  });

  it('uses the same placeholders in both languages and leaves no text empty', () => {
    for (const key of Object.keys(en) as (keyof typeof en)[]) {
      expect([key, placeholders(nl[key])]).toEqual([key, placeholders(en[key])]);
      expect(en[key].trim()).not.toBe('');
      expect(nl[key].trim()).not.toBe('');
    }
  });

  it('fills placeholders and keeps unknown ones', () => {
    expect(translate('en', 'queue.waiting', { time: '4 min' })).toBe('Waiting: 4 min');
    expect(translate('nl', 'queue.waiting', { time: '4 min' })).toBe('Wacht: 4 min');
    expect(translate('en', 'queue.waiting')).toBe('Waiting: {time}');
  });

  it('marks the AI plainly, with "AI" in the label, in both languages (R03)', () => {
    expect(translate('en', 'conversation.author.ai')).toMatch(/\bAI\b/);
    expect(translate('nl', 'conversation.author.ai')).toMatch(/\bAI\b/);
    expect(translate('en', 'conversation.author.agent', { name: 'Sanne' })).toBe('Sanne (agent)');
    expect(translate('nl', 'conversation.author.agent', { name: 'Sanne' })).toBe('Sanne (medewerker)');
  });

  it('is English unless Dutch was chosen', () => {
    expect(pickLang(null)).toBe('en');
    expect(pickLang('fr')).toBe('en');
    expect(pickLang('nl')).toBe('nl');
  });
});
