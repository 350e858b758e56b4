/**
 * SMS segment counting (3GPP TS 23.038 / 23.040): a text in the GSM 03.38 alphabet is
 * sent as GSM-7, 160 characters in one SMS or 153 per segment of a longer one, with
 * the extension characters (^ { } \ [ ~ ] | € and form feed) costing two; any other
 * character makes the whole text UCS-2, 70 UTF-16 code units in one SMS or 67 per
 * segment. A segment never splits an escape pair or a surrogate pair.
 */
export type SmsEncoding = 'GSM-7' | 'UCS-2';

export interface SegmentCount {
  encoding: SmsEncoding;
  /** Septets (GSM-7) or UTF-16 code units (UCS-2). */
  units: number;
  segments: number;
}

const GSM7_BASIC = new Set(
  '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà',
);
const GSM7_EXTENSION = new Set('^{}\\[~]|€\f');

export const GSM7_SINGLE = 160;
export const GSM7_MULTI = 153;
export const UCS2_SINGLE = 70;
export const UCS2_MULTI = 67;

/** Every character is in the GSM 03.38 basic set or its extension table. */
export function isGsm7(text: string): boolean {
  for (const c of text) if (!GSM7_BASIC.has(c) && !GSM7_EXTENSION.has(c)) return false;
  return true;
}

/** Cost of each character in the encoding: septets (1 or 2) or UTF-16 code units (1 or 2). */
function unitCosts(text: string, encoding: SmsEncoding): number[] {
  const costs: number[] = [];
  for (const c of text) costs.push(encoding === 'GSM-7' ? (GSM7_EXTENSION.has(c) ? 2 : 1) : c.length);
  return costs;
}

export function countSegments(text: string): SegmentCount {
  const encoding: SmsEncoding = isGsm7(text) ? 'GSM-7' : 'UCS-2';
  const costs = unitCosts(text, encoding);
  const units = costs.reduce((a, b) => a + b, 0);
  const single = encoding === 'GSM-7' ? GSM7_SINGLE : UCS2_SINGLE;
  if (units <= single) return { encoding, units, segments: 1 };
  const perSegment = encoding === 'GSM-7' ? GSM7_MULTI : UCS2_MULTI;
  // Greedy packing: a character that does not fit whole starts the next segment.
  let segments = 1;
  let used = 0;
  for (const cost of costs) {
    if (used + cost > perSegment) {
      segments += 1;
      used = 0;
    }
    used += cost;
  }
  return { encoding, units, segments };
}

/**
 * Splits a text into parts that each satisfy `fits`, cutting at sentence ends where it
 * can, else at spaces, else between characters (never inside a surrogate pair). The
 * whitespace at a cut is dropped; nothing else is lost or reordered.
 */
export function splitText(text: string, fits: (part: string) => boolean): string[] {
  const trimmed = text.trim();
  if (trimmed.length === 0 || fits(trimmed)) return trimmed.length === 0 ? [] : [trimmed];
  const sentences = trimmed.split(/(?<=[.!?…:;])\s+|\n+/u).filter((s) => s.trim().length > 0);
  const parts: string[] = [];
  let current = '';
  const flush = () => {
    if (current.trim().length > 0) parts.push(current.trim());
    current = '';
  };
  for (const sentence of sentences) {
    const candidate = current ? `${current} ${sentence}` : sentence;
    if (fits(candidate)) {
      current = candidate;
      continue;
    }
    flush();
    if (fits(sentence)) {
      current = sentence;
      continue;
    }
    // A sentence too long on its own: by words, and a word too long on its own by characters.
    for (const word of sentence.split(/\s+/)) {
      const withWord = current ? `${current} ${word}` : word;
      if (fits(withWord)) {
        current = withWord;
        continue;
      }
      flush();
      if (fits(word)) {
        current = word;
        continue;
      }
      for (const char of word) {
        if (current && !fits(current + char)) flush();
        current += char;
      }
    }
  }
  flush();
  return parts;
}

/** An SMS text as parts of at most `maxSegments` segments each, cut at sentence ends. */
export function splitSms(text: string, maxSegments: number): string[] {
  return splitText(text, (part) => countSegments(part).segments <= maxSegments);
}

/** Twilio takes at most 1,600 characters in one message body (SMS and WhatsApp). */
export const TWILIO_MAX_BODY_CHARS = 1_600;

/** A WhatsApp text as parts of at most `maxChars` characters, cut at sentence ends. */
export function splitWhatsapp(text: string, maxChars = TWILIO_MAX_BODY_CHARS): string[] {
  return splitText(text, (part) => [...part].length <= maxChars);
}
