import { detectCards } from './card.detector';

const texts = (text: string) => detectCards(text).map((f) => f.text);

describe('detectCards', () => {
  it('finds card numbers in groups, with hyphens, Amex style, or in one run', () => {
    expect(texts('Visa 4111 1111 1111 1111, MC 5500-0055-5555-5559, Amex 3782 822463 10005, plain 4012888888881881.')).toEqual([
      '4111 1111 1111 1111',
      '5500-0055-5555-5559',
      '3782 822463 10005',
      '4012888888881881',
    ]);
  });

  it('keys a card by its digits', () => {
    expect(detectCards('kaart 4111-1111-1111-1111')[0]!.key).toBe('4111111111111111');
  });

  it('ignores a number that fails Luhn, an EAN product code, the last four digits and an expiry date', () => {
    expect(texts('kaart 4111 1111 1111 1112, EAN 8712345678906, eindigt op 1111, geldig tot 09/27')).toEqual([]);
  });

  it('keeps an expiry month written right after the number out of it', () => {
    expect(texts('4111 1111 1111 1111 09/27')).toEqual(['4111 1111 1111 1111']);
  });
});
