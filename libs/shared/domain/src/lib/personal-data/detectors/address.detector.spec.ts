import { detectAddresses } from './address.detector';

const texts = (text: string) => detectAddresses(text).map((f) => f.text);

describe('detectAddresses', () => {
  it('finds a street with its house number and the postcode', () => {
    expect(texts('Mijn adres is Kerkstraat 12, 1234 AB Amsterdam.')).toEqual(['Kerkstraat 12', '1234 AB']);
    expect(texts('Nieuw: Van Baerlestraat 55-2, 1071 AP')).toEqual(['Van Baerlestraat 55-2', '1071 AP']);
    expect(texts('Bezorgadres: Burgemeester de Vlugtlaan 125')).toEqual(['Burgemeester de Vlugtlaan 125']);
    expect(texts('Laan van Meerdervoort 300, 2563 AT')).toEqual(['Laan van Meerdervoort 300', '2563 AT']);
    expect(texts('bij de buren op de Oude Gracht 101')).toEqual(['Oude Gracht 101']);
    expect(texts('ik woon op de molenweg 3b')).toEqual(['molenweg 3b']);
  });

  it('takes the house number that follows a postcode into the same value', () => {
    expect(texts('Stuur het naar 2511 CV 22 aub')).toEqual(['2511 CV 22']);
    expect(texts('1234AB, huisnummer 5')).toEqual(['1234AB, huisnummer 5']);
    expect(texts('postcode 2514GL en huisnummer 17.')).toEqual(['2514GL en huisnummer 17']);
  });

  it('keys a postcode without its space, so 1234 AB and 1234AB are one value', () => {
    expect(detectAddresses('1234 AB')[0]!.key).toBe(detectAddresses('1234AB')[0]!.key);
  });

  it('leaves a house number without a postcode or street alone', () => {
    expect(texts('Ik woon op nummer 14, de bezorger ging naar 41.')).toEqual([]);
  });

  it('needs a cue or a house number for lower-case letters and units after four digits', () => {
    expect(texts('Ik heb 1000 en 2000 euro betaald voor 1500 GB opslag.')).toEqual([]);
    expect(texts('postcode 1234ab')).toEqual(['1234ab']);
    expect(texts('Postcodes met SS bestaan niet: 1234 SS')).toEqual([]);
  });

  it('does not read counts and everyday words ending like a street as an address', () => {
    expect(texts('Het pakket is al onderweg 3 dagen, ik stond op de snelweg 2 uur.')).toEqual([]);
  });
});
