import { detectBsns } from './bsn.detector';

const texts = (text: string) => detectBsns(text).map((f) => f.text);

describe('detectBsns', () => {
  it('finds a BSN that passes the 11-proef, plain or grouped, with or without the word BSN', () => {
    expect(texts('Mijn BSN is 123456782.')).toEqual(['123456782']);
    expect(texts('burgerservicenummer: 1234.56.782')).toEqual(['1234.56.782']);
    expect(texts('BSN: 111 222 333')).toEqual(['111 222 333']);
    expect(texts('Mijn nummer is 123456782, klopt dat?')).toEqual(['123456782']);
  });

  it('keys a BSN by its digits', () => {
    expect(detectBsns('bsn 1234.56.782')[0]!.key).toBe('123456782');
  });

  it('ignores nine digits that fail the 11-proef', () => {
    expect(texts('Mijn BSN is 123456789.')).toEqual([]);
  });

  it('leaves a number alone that the text calls an order, invoice or parcel number, unless it also says BSN', () => {
    expect(texts('Ordernummer 123456782 is niet geleverd.')).toEqual([]);
    expect(texts('Factuur 111222333 klopt niet.')).toEqual([]);
    expect(texts('Op het bestelformulier vulde ik mijn BSN 123456782 in.')).toEqual(['123456782']);
  });

  it('ignores parts of longer numbers, amounts and codes', () => {
    expect(texts('1234567820, €123.456.782, #123456782, A123456782, 12-123456782')).toEqual([]);
  });
});
