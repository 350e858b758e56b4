import { detectIbans } from './iban.detector';

describe('detectIbans', () => {
  it('finds compact, grouped and lower-case IBANs, keyed compact in capitals', () => {
    const found = detectIbans('Op NL91ABNA0417164300, NL91 ABNA 0417 1643 00 of nl91abna0417164300 en BE68 5390 0754 7034 graag.');
    expect(found.map((f) => f.text)).toEqual(['NL91ABNA0417164300', 'NL91 ABNA 0417 1643 00', 'nl91abna0417164300', 'BE68 5390 0754 7034']);
    expect(new Set(found.slice(0, 3).map((f) => f.key))).toEqual(new Set(['NL91ABNA0417164300']));
  });

  it('reads exactly the country length, so the next word stays', () => {
    const [found] = detectIbans('NL91 ABNA 0417 1643 00 en meer');
    expect(found!.text).toBe('NL91 ABNA 0417 1643 00');
  });

  it('ignores an IBAN with a wrong check digit, a creditor reference, and codes inside longer words', () => {
    expect(detectIbans('NL92ABNA0417164300, RF18 5390 0754 7034, XNL91ABNA0417164300, NL91ABNA04171643001')).toEqual([]);
  });
});
