import { detectPhones, phoneKey } from './phone.detector';

describe('detectPhones', () => {
  it('reads every Dutch notation of one mobile number as the same E.164 number', () => {
    const text = 'Bel 06-12345678, 0612345678, 06 12 34 56 78, +31 6 12345678, +31 (0)6 1234 5678 of 0031 6 1234 5678.';
    const found = detectPhones(text);
    expect(found.map((f) => f.text)).toEqual(['06-12345678', '0612345678', '06 12 34 56 78', '+31 6 12345678', '+31 (0)6 1234 5678', '0031 6 1234 5678']);
    expect(new Set(found.map((f) => f.key))).toEqual(new Set(['+31612345678']));
  });

  it('finds landlines, service numbers and foreign numbers', () => {
    expect(detectPhones('020 123 4567, (010) 414 55 66, 088-3456789, +32 470 12 34 56, +49 151 23456789').map((f) => f.key)).toEqual([
      '+31201234567',
      '+31104145566',
      '+31883456789',
      '+32470123456',
      '+4915123456789',
    ]);
  });

  it('leaves order numbers, dates, times, amounts and bare nine-digit numbers alone', () => {
    expect(detectPhones('Order 2024-118833 op 12-03-2025 om 17:30, €1.234,56, BSN 123456782, code 612345678.')).toEqual([]);
  });

  it('ignores numbers that fit no numbering plan', () => {
    expect(detectPhones('bel 06-1234567 of 020-12')).toEqual([]);
  });

  it('keeps an extension out of the masked number', () => {
    const [found] = detectPhones('werk: 070-3456789 ext. 12');
    expect(found!.text).toBe('070-3456789');
  });

  it('gives the E.164 key of a stored number, or null', () => {
    expect(phoneKey('+31612345678')).toBe('+31612345678');
    expect(phoneKey('06 1234 5678')).toBe('+31612345678');
    expect(phoneKey('not a number')).toBeNull();
  });
});
