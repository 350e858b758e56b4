import { stripQuotedReply } from './strip-quoted';

describe('stripping the quoted earlier mail from a reply', () => {
  it('keeps a mail without quotes as it is', () => {
    expect(stripQuotedReply('Hoe lang duurt de levering?\n\nGroet, Jan')).toBe('Hoe lang duurt de levering?\n\nGroet, Jan');
  });

  it('cuts at a Gmail attribution line in English and Dutch, and drops > lines', () => {
    expect(stripQuotedReply('medewerker\n\nOn Sun, 29 Nov 2026 at 10:00, AI-assistent <support@shop.test> wrote:\n> Hallo\n> Hoe kan ik helpen?')).toBe('medewerker');
    expect(stripQuotedReply('Dank je!\n\nOp zo 29 nov 2026 om 10:00 schreef AI-assistent <support@shop.test>:\n> Hallo')).toBe('Dank je!');
  });

  it('cuts at an attribution line the client wrapped over two lines', () => {
    expect(stripQuotedReply('Prima.\n\nOn Sun, 29 Nov 2026 at 10:00, AI-assistent\n<support@shop.test> wrote:\n> Hallo')).toBe('Prima.');
  });

  it("cuts at Outlook's original-message separator and at its From/Sent header block", () => {
    expect(stripQuotedReply('Ja graag.\n\n-----Original Message-----\nFrom: support@shop.test\nHallo')).toBe('Ja graag.');
    expect(stripQuotedReply('Ja graag.\n\n________________________________\nVan: AI-assistent <support@shop.test>\nVerzonden: zondag 29 november 2026 10:00\nAan: Jan\nOnderwerp: Re: Levering\n\nHallo')).toBe('Ja graag.');
  });

  it('cuts the signature after "-- "', () => {
    expect(stripQuotedReply('Waar blijft mijn pakket?\n-- \nJan Jansen\nTel 06-12345678')).toBe('Waar blijft mijn pakket?');
  });

  it('keeps inline answers between quoted lines', () => {
    expect(stripQuotedReply('> Wat is je ordernummer?\n12345\n> En je postcode?\n1234 AB')).toBe('12345\n1234 AB');
  });

  it('keeps the whole text when stripping would leave nothing', () => {
    expect(stripQuotedReply('> alleen een citaat')).toBe('> alleen een citaat');
  });

  it('does not take a sentence that mentions "from:" for a header block', () => {
    expect(stripQuotedReply('From: my old address I wrote before, nothing came.\nCan you check?')).toBe('From: my old address I wrote before, nothing came.\nCan you check?');
  });
});
