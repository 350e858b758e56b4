import fc from 'fast-check';
import { cardBrand, ibanCheckDigits, isDutchPostcode, isLuhnValid, isRealDate, isValidBsn, isValidCardNumber, isValidIban } from './validators';

const digits = (min: number, max = min) => fc.string({ unit: fc.constantFrom(...'0123456789'), minLength: min, maxLength: max });
const letters = (n: number) => fc.string({ unit: fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZ'), minLength: n, maxLength: n });

/** Changes the digit at `at` to another digit. */
function changeDigit(text: string, at: number, by: number): string {
  const d = (Number(text[at]) + by) % 10;
  return text.slice(0, at) + String(d) + text.slice(at + 1);
}

describe('isValidIban', () => {
  it('accepts the registry examples, compact, grouped or in lower case', () => {
    for (const iban of ['NL91ABNA0417164300', 'NL91 ABNA 0417 1643 00', 'nl91abna0417164300', 'DE89370400440532013000', 'GB82WEST12345698765432', 'BE68539007547034', 'FR1420041010050500013M02606']) {
      expect(isValidIban(iban)).toBe(true);
    }
  });

  it('rejects a wrong check digit, a wrong length for the country, an unknown country and other characters', () => {
    expect(isValidIban('NL92ABNA0417164300')).toBe(false);
    expect(isValidIban('NL91ABNA041716430')).toBe(false);
    expect(isValidIban('XX91ABNA0417164300')).toBe(false);
    expect(isValidIban('RF18539007547034')).toBe(false); // an ISO 11649 creditor reference, not an IBAN
    expect(isValidIban('NL91ABNA04171643-0')).toBe(false);
  });

  it('accepts every Dutch IBAN made with its check digits and rejects it after any one digit changes', () => {
    fc.assert(
      fc.property(letters(4), digits(10), fc.nat(9), fc.integer({ min: 1, max: 9 }), (bank, account, at, by) => {
        const iban = `NL${ibanCheckDigits('NL', bank + account)}${bank}${account}`;
        expect(isValidIban(iban)).toBe(true);
        expect(isValidIban(`${iban.slice(0, 8)}${changeDigit(account, at, by)}`)).toBe(false);
      }),
    );
  });
});

describe('isValidBsn (11-proef)', () => {
  it('accepts numbers that pass the 11-proef, with or without separators', () => {
    expect(isValidBsn('111222333')).toBe(true);
    expect(isValidBsn('123456782')).toBe(true);
    expect(isValidBsn('1234.56.782')).toBe(true);
    expect(isValidBsn('123 456 782')).toBe(true);
  });

  it('rejects numbers that fail it, have the wrong length, or are all zeros', () => {
    expect(isValidBsn('123456789')).toBe(false);
    expect(isValidBsn('12345678')).toBe(false);
    expect(isValidBsn('1234567820')).toBe(false);
    expect(isValidBsn('000000000')).toBe(false);
  });

  it('detects every single changed digit of a valid BSN', () => {
    const validBsn = digits(8)
      .map((first) => {
        let sum = 0;
        for (let i = 0; i < 8; i++) sum += Number(first[i]) * (9 - i);
        const last = sum % 11;
        return last <= 9 ? `${first}${last}` : null;
      })
      .filter((bsn): bsn is string => bsn !== null && !/^0+$/.test(bsn));
    fc.assert(
      fc.property(validBsn, fc.nat(8), fc.integer({ min: 1, max: 9 }), (bsn, at, by) => {
        expect(isValidBsn(bsn)).toBe(true);
        expect(isValidBsn(changeDigit(bsn, at, by))).toBe(false);
      }),
    );
  });
});

describe('payment cards', () => {
  it('knows the Luhn check and detects any single changed digit', () => {
    expect(isLuhnValid('4111111111111111')).toBe(true);
    expect(isLuhnValid('4111111111111112')).toBe(false);
    fc.assert(
      fc.property(digits(15), fc.nat(14), fc.integer({ min: 1, max: 9 }), (body, at, by) => {
        const check = [...'0123456789'].find((c) => isLuhnValid(body + c))!;
        expect(isLuhnValid(body + check)).toBe(true);
        expect(isLuhnValid(changeDigit(body, at, by) + check)).toBe(false);
      }),
    );
  });

  it('names the network by issuer range and length', () => {
    expect(cardBrand('4111111111111111')).toBe('visa');
    expect(cardBrand('5500005555555559')).toBe('mastercard');
    expect(cardBrand('2221000000000009')).toBe('mastercard');
    expect(cardBrand('378282246310005')).toBe('amex');
    expect(cardBrand('6011111111111117')).toBe('discover');
    expect(cardBrand('6759649826438453')).toBe('maestro');
    // EAN-13 product codes and 13-digit numbers starting with 4 are not cards.
    expect(cardBrand('8712345678906')).toBeNull();
    expect(cardBrand('4006381333931')).toBeNull();
  });

  it('accepts a card number only with a network range and the Luhn check, separators allowed', () => {
    expect(isValidCardNumber('4111 1111 1111 1111')).toBe(true);
    expect(isValidCardNumber('3782-822463-10005')).toBe(true);
    expect(isValidCardNumber('4111 1111 1111 1112')).toBe(false);
    expect(isValidCardNumber('9111111111111111')).toBe(false);
  });
});

describe('isDutchPostcode', () => {
  it('accepts four digits not starting with 0 and two letters other than SA, SD, SS', () => {
    expect(isDutchPostcode('1234 AB')).toBe(true);
    expect(isDutchPostcode('1234ab')).toBe(true);
    expect(isDutchPostcode('0123 AB')).toBe(false);
    expect(isDutchPostcode('1234 SS')).toBe(false);
    expect(isDutchPostcode('123 AB')).toBe(false);
  });
});

describe('isRealDate', () => {
  it('knows month lengths and leap years', () => {
    expect(isRealDate(2024, 2, 29)).toBe(true);
    expect(isRealDate(2023, 2, 29)).toBe(false);
    expect(isRealDate(2000, 2, 29)).toBe(true);
    expect(isRealDate(1900, 2, 29)).toBe(false);
    expect(isRealDate(1990, 4, 31)).toBe(false);
    expect(isRealDate(1990, 13, 1)).toBe(false);
  });
});
