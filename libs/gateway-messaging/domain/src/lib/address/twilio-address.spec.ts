import { localeForPhone, parseTwilioAddress } from './twilio-address';

describe('Twilio addresses', () => {
  it('reads an SMS sender as E.164 with its country', () => {
    expect(parseTwilioAddress('+31612345678')).toEqual({ channel: 'sms', phone: '+31612345678', address: '+31612345678', country: 'NL', callingCode: '31' });
  });

  it('reads a WhatsApp sender as the same number on the whatsapp channel', () => {
    expect(parseTwilioAddress('whatsapp:+31612345678')).toEqual({
      channel: 'whatsapp',
      phone: '+31612345678',
      address: 'whatsapp:+31612345678',
      country: 'NL',
      callingCode: '31',
    });
    expect(parseTwilioAddress('WhatsApp:+44 7700 900123')?.phone).toBe('+447700900123');
  });

  it.each(['', 'whatsapp:', 'TWILIO', '12345', 'whatsapp:abc', '+1', '+999999999999999999999', 'javascript:alert(1)'])('refuses %j', (raw) => {
    expect(parseTwilioAddress(raw)).toBeNull();
  });

  it('guesses Dutch for Dutch-speaking countries and English elsewhere, by calling code', () => {
    expect(localeForPhone(parseTwilioAddress('+31612345678'), 'en')).toBe('nl');
    expect(localeForPhone(parseTwilioAddress('+32470123456'), 'en')).toBe('nl');
    expect(localeForPhone(parseTwilioAddress('+5978123456'), 'en')).toBe('nl');
    expect(localeForPhone(parseTwilioAddress('+447700200123'), 'nl')).toBe('en');
    expect(localeForPhone(parseTwilioAddress('+4915123456789'), 'nl')).toBe('en');
    expect(localeForPhone(null, 'nl')).toBe('nl');
  });
});
