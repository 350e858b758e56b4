import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js';

export type MessagingChannel = 'sms' | 'whatsapp';

export interface TwilioAddress {
  channel: MessagingChannel;
  /** The phone number in E.164 (`+31612345678`): one contact across SMS and WhatsApp. */
  phone: string;
  /** The address of the channel identity: `+31612345678` for SMS, `whatsapp:+31612345678`. */
  address: string;
  country: CountryCode | null;
  /** `31`, `44`: known even where the country is not (a number in a range no country claims yet). */
  callingCode: string;
}

/**
 * Reads Twilio's `From`/`To` (`+316…` for SMS, `whatsapp:+316…` for WhatsApp) into a
 * channel and an E.164 number with libphonenumber-js; anything that is no possible
 * phone number (a short code, an alphanumeric sender, garbage) is null.
 */
export function parseTwilioAddress(raw: string): TwilioAddress | null {
  const trimmed = raw.trim();
  const whatsapp = /^whatsapp:/i.test(trimmed);
  const number = whatsapp ? trimmed.slice('whatsapp:'.length).trim() : trimmed;
  if (!/^\+?[\d\s().-]{6,24}$/.test(number)) return null;
  const parsed = parsePhoneNumberFromString(number.startsWith('+') ? number : `+${number}`);
  if (!parsed || !parsed.isPossible()) return null;
  const phone = parsed.number;
  return {
    channel: whatsapp ? 'whatsapp' : 'sms',
    phone,
    address: whatsapp ? `whatsapp:${phone}` : phone,
    country: parsed.country ?? null,
    callingCode: parsed.countryCallingCode,
  };
}

/**
 * Where Dutch is the language most customers write, by calling code: the Netherlands
 * (31), Belgium (32, Flanders), Suriname (597), Aruba (297), Curaçao, Sint Maarten and
 * the Caribbean Netherlands (599).
 */
const DUTCH_SPEAKING_CODES: ReadonlySet<string> = new Set(['31', '32', '597', '297', '599']);

/**
 * The language of a new SMS/WhatsApp conversation before the customer has said it:
 * Dutch for a number from a Dutch-speaking country, else English; no code → the fallback.
 */
export function localeForPhone(address: Pick<TwilioAddress, 'callingCode'> | null, fallback: string): string {
  if (!address?.callingCode) return fallback;
  return DUTCH_SPEAKING_CODES.has(address.callingCode) ? 'nl' : 'en';
}
