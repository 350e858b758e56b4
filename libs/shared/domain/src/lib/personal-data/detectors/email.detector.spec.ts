import { detectEmails } from './email.detector';

const texts = (text: string) => detectEmails(text).map((f) => f.text);

describe('detectEmails', () => {
  it('finds addresses with dots, plus, underscores, hyphens and country domains, keyed in lower case', () => {
    expect(texts('Mail J.Smit@Hotmail.com of first.last+shop@company.example, of lisa_m@yahoo.co.uk.')).toEqual([
      'J.Smit@Hotmail.com',
      'first.last+shop@company.example',
      'lisa_m@yahoo.co.uk',
    ]);
    expect(detectEmails('J.Smit@Hotmail.com')[0]!.key).toBe('j.smit@hotmail.com');
  });

  it('leaves the sentence full stop and surrounding brackets out', () => {
    expect(texts('(mijn adres: eva@ziggo.nl).')).toEqual(['eva@ziggo.nl']);
  });

  it('ignores handles, addresses without a top-level domain and invalid local parts', () => {
    expect(texts('volg @pegamento of mail root@localhost')).toEqual([]);
    expect(texts('a..b@example.com')).toEqual([]);
    // A dot before an address is punctuation: ".x@example.com" holds x@example.com.
    expect(texts('zie .x@example.com')).toEqual(['x@example.com']);
    expect(texts('user@-bad-.example')).toEqual([]);
  });
});
