import fc from 'fast-check';
import { Pseudonymiser } from './pseudonymiser';
import { ibanCheckDigits, isLuhnValid } from './validators';

const TODAY = new Date('2026-11-30T12:00:00Z');
const digit = fc.constantFrom(...'0123456789');
const digits = (n: number) => fc.string({ unit: digit, minLength: n, maxLength: n });

describe('Pseudonymiser', () => {
  it('gives one value one placeholder in every notation, numbered per type in the order first seen', () => {
    const p = new Pseudonymiser({ today: TODAY });
    expect(p.pseudonymise('Bel 06-12345678 of mail jan@example.nl.')).toBe('Bel ⟨PHONE_1⟩ of mail ⟨EMAIL_1⟩.');
    expect(p.pseudonymise('Nee, +31 6 12345678! Of 020 123 4567. JAN@example.nl')).toBe('Nee, ⟨PHONE_1⟩! Of ⟨PHONE_2⟩. ⟨EMAIL_1⟩');
    expect(p.pseudonymise('IBAN NL91 ABNA 0417 1643 00 = NL91ABNA0417164300')).toBe('IBAN ⟨IBAN_1⟩ = ⟨IBAN_1⟩');
  });

  it('puts the real values back where the model used a placeholder, as first written', () => {
    const p = new Pseudonymiser({ today: TODAY });
    const masked = p.pseudonymise('Mijn naam is Daan Visser, bel 06-12345678 of mail daan@example.nl. Geboren op 3 januari 1975.');
    expect(masked).toBe('Mijn naam is ⟨NAME_1⟩, bel ⟨PHONE_1⟩ of mail ⟨EMAIL_1⟩. Geboren op ⟨BIRTHDATE_1⟩.');
    expect(p.restore('Dag ⟨NAME_1⟩, we bellen u op ⟨PHONE_1⟩ en mailen naar ⟨EMAIL_1⟩.')).toBe('Dag Daan Visser, we bellen u op 06-12345678 en mailen naar daan@example.nl.');
  });

  it('leaves placeholders it did not make as they are', () => {
    const p = new Pseudonymiser();
    expect(p.restore('⟨EMAIL_7⟩ en ⟨FOO_1⟩ en ‹EMAIL_1›')).toBe('⟨EMAIL_7⟩ en ⟨FOO_1⟩ en ‹EMAIL_1›');
  });

  it('never lets a customer-typed placeholder pass for one of its own', () => {
    const p = new Pseudonymiser();
    const masked = p.pseudonymise('Typ ⟨EMAIL_1⟩ of 〈PHONE_1〉 terug; mijn mail is eva@example.nl');
    expect(masked).toBe('Typ ‹EMAIL_1› of ‹PHONE_1› terug; mijn mail is ⟨EMAIL_1⟩');
    // The model echoes the customer's look-alike: it stays what the customer typed (neutralised), never a value.
    expect(p.restore('U schreef ‹EMAIL_1›; uw adres is ⟨EMAIL_1⟩')).toBe('U schreef ‹EMAIL_1›; uw adres is eva@example.nl');
    expect(p.restore('〈PHONE_1〉')).toBe('〈PHONE_1〉');
  });

  it('masks the known contact everywhere, first, without a cue, with the whole name for each part', () => {
    const p = new Pseudonymiser({ known: [{ name: 'Eva de Mulder', email: 'eva.mulder@ziggo.nl', phone: '+31651234567' }] });
    expect(p.pseudonymise('mail jan@x.nl of bel 06 5123 4567; eva kan ook, of EVA.MULDER@ziggo.nl. Mulder dus.')).toBe(
      'mail ⟨EMAIL_2⟩ of bel ⟨PHONE_1⟩; ⟨NAME_1⟩ kan ook, of ⟨EMAIL_1⟩. ⟨NAME_1⟩ dus.',
    );
    expect(p.restore('⟨NAME_1⟩ ⟨PHONE_1⟩')).toBe('Eva de Mulder +31651234567');
  });

  it('keeps the mapping of one instance only: two conversations never share values', () => {
    const a = new Pseudonymiser();
    const b = new Pseudonymiser();
    a.pseudonymise('a@example.nl');
    expect(b.restore('⟨EMAIL_1⟩')).toBe('⟨EMAIL_1⟩');
    expect(a.mapping.get('⟨EMAIL_1⟩')).toBe('a@example.nl');
  });

  describe('on generated values', () => {
    const ibans = fc
      .tuple(fc.string({ unit: fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZ'), minLength: 4, maxLength: 4 }), digits(10), fc.boolean())
      .map(([bank, account, grouped]) => {
        const iban = `NL${ibanCheckDigits('NL', bank + account)}${bank}${account}`;
        return { written: grouped ? iban.replace(/(.{4})(?=.)/g, '$1 ') : iban, raw: iban };
      });
    const bsns = digits(8)
      .map((first) => {
        let sum = 0;
        for (let i = 0; i < 8; i++) sum += Number(first[i]) * (9 - i);
        return sum % 11 <= 9 ? `${first}${sum % 11}` : null;
      })
      .filter((b): b is string => b !== null && !/^0+$/.test(b))
      .map((b) => ({ written: `BSN ${b}`, raw: b }));
    const cards = fc.tuple(digits(14), fc.constantFrom(' ', '-', '')).map(([body, sep]) => {
      const base = `4${body}`;
      const card = base + [...'0123456789'].find((c) => isLuhnValid(base + c))!;
      return { written: card.replace(/(\d{4})(?=\d)/g, `$1${sep}`), raw: card };
    });
    const phones = fc
      .tuple(fc.constantFrom('1', '2', '3', '4', '5'), digits(7), fc.constantFrom('06-%', '06 %', '+31 6 %', '0031 6 %', '06%'))
      .map(([first, rest, notation]) => ({ written: notation.replace('%', first + rest), raw: `${first}${rest}` }));
    const emails = fc
      .tuple(fc.stringMatching(/^[a-z]{1,8}(\.[a-z]{1,8})?$/), fc.stringMatching(/^[a-z]{2,10}$/), fc.constantFrom('nl', 'com', 'be', 'co.uk'))
      .map(([local, domain, tld]) => ({ written: `${local}@${domain}.${tld}`, raw: `${local}@${domain}.${tld}` }));
    const sentence = (value: fc.Arbitrary<{ written: string; raw: string }>) =>
      fc.tuple(
        fc.constantFrom('Mijn gegevens: ', 'Graag terugstorten op ', 'Hier is het: ', 'Kunt u dit gebruiken? ', 'My details are ', ''),
        value,
        fc.constantFrom('.', ', dank u.', ' please', '!', '', ' en verder niets.'),
      );

    it.each([
      ['IBAN', ibans],
      ['BSN', bsns],
      ['card', cards],
      ['phone', phones],
      ['e-mail', emails],
    ] as const)('always masks a valid %s, leaves no digits of it, and restores the text exactly', (_name, values) => {
      fc.assert(
        fc.property(sentence(values), ([before, value, after]) => {
          const text = `${before}${value.written}${after}`;
          const p = new Pseudonymiser({ today: TODAY });
          const masked = p.pseudonymise(text);
          expect(masked).not.toContain(value.written);
          expect(masked.replace(/\D/g, '')).not.toContain(value.raw.replace(/\D/g, '').slice(-7) || '\u0000');
          expect(masked).toMatch(/⟨[A-Z]+_1⟩/);
          expect(p.restore(masked)).toBe(text);
        }),
        { numRuns: 150 },
      );
    });

    it('never throws and only ever outputs its own placeholders, whatever the text', () => {
      fc.assert(
        fc.property(fc.string({ maxLength: 300 }), (text) => {
          const p = new Pseudonymiser();
          const masked = p.pseudonymise(text);
          for (const [placeholder] of masked.matchAll(/⟨[^⟩]*⟩/g)) expect(p.mapping.has(placeholder)).toBe(true);
        }),
        { numRuns: 300 },
      );
    });
  });
});
