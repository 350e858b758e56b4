import fc from 'fast-check';
import { countSegments, isGsm7, splitSms, splitWhatsapp } from './sms-segments';

describe('SMS segments', () => {
  it('counts a GSM-7 text of up to 160 characters as one segment, longer ones by 153', () => {
    expect(countSegments('a'.repeat(160))).toEqual({ encoding: 'GSM-7', units: 160, segments: 1 });
    expect(countSegments('a'.repeat(161))).toEqual({ encoding: 'GSM-7', units: 161, segments: 2 });
    expect(countSegments('a'.repeat(306)).segments).toBe(2);
    expect(countSegments('a'.repeat(307)).segments).toBe(3);
  });

  it('counts the extension characters twice and never splits one across segments', () => {
    expect(countSegments('€'.repeat(80))).toEqual({ encoding: 'GSM-7', units: 160, segments: 1 });
    expect(countSegments('€'.repeat(81)).segments).toBe(2);
    // 152 septets then a two-septet €: it moves whole to the second segment.
    expect(countSegments(`${'a'.repeat(152)}€${'a'.repeat(10)}`).segments).toBe(2);
    expect(countSegments(`${'a'.repeat(152)}€${'a'.repeat(152)}`).segments).toBe(3);
  });

  it('switches the whole text to UCS-2 for one character outside GSM-7: 70, then 67 per segment', () => {
    expect(isGsm7('Hoi! Ik ben de AI-assistent: een computerprogramma.')).toBe(true);
    expect(isGsm7('Dat is €5 [korting]')).toBe(true);
    expect(isGsm7('Bedankt ’s avonds')).toBe(false);
    expect(countSegments('ł'.repeat(70))).toEqual({ encoding: 'UCS-2', units: 70, segments: 1 });
    expect(countSegments('ł'.repeat(71)).segments).toBe(2);
    expect(countSegments('ł'.repeat(134)).segments).toBe(2);
    expect(countSegments('ł'.repeat(135)).segments).toBe(3);
  });

  it('counts an emoji as two UTF-16 units and keeps its surrogate pair in one segment', () => {
    expect(countSegments('😀'.repeat(35))).toEqual({ encoding: 'UCS-2', units: 70, segments: 1 });
    // 66 units then a pair: the pair does not fit in 67 and starts segment two.
    expect(countSegments(`${'x'.repeat(65)}ł😀`).segments).toBe(1);
    expect(countSegments(`${'x'.repeat(66)}ł😀${'x'.repeat(3)}`).segments).toBe(2);
  });

  it('splits a long text at sentence ends into parts of at most the given segments', () => {
    const sentence = 'Je bestelling komt binnen twee werkdagen aan.';
    const text = Array.from({ length: 12 }, () => sentence).join(' ');
    const parts = splitSms(text, 1);
    expect(parts.length).toBeGreaterThan(1);
    for (const part of parts) {
      expect(countSegments(part).segments).toBe(1);
      expect(part.endsWith('.')).toBe(true);
    }
    expect(parts.join(' ')).toBe(text);
  });

  it('leaves a text that fits as one part, and an empty one as none', () => {
    expect(splitSms('Hallo!', 1)).toEqual(['Hallo!']);
    expect(splitSms('   ', 3)).toEqual([]);
  });

  it('cuts a sentence without an end at spaces, and a word without spaces between characters', () => {
    const words = splitSms(Array.from({ length: 60 }, (_, i) => `woord${i}`).join(' '), 1);
    expect(words.length).toBeGreaterThan(1);
    for (const part of words) expect(countSegments(part).segments).toBe(1);
    const long = splitSms('x'.repeat(400), 1);
    expect(long).toEqual(['x'.repeat(160), 'x'.repeat(160), 'x'.repeat(80)]);
  });

  it('keeps every non-space character in order and every part within its limit, whatever the text', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 1_200 }), fc.integer({ min: 1, max: 4 }), (text, max) => {
        const parts = splitSms(text, max);
        for (const part of parts) expect(countSegments(part).segments).toBeLessThanOrEqual(max);
        expect(parts.join('').replace(/\s+/g, '')).toBe(text.replace(/\s+/g, ''));
      }),
      { numRuns: 200 },
    );
  });

  it('splits WhatsApp texts by characters at sentence ends', () => {
    const text = Array.from({ length: 100 }, () => 'Dit is een zin van ongeveer veertig tekens.').join(' ');
    const parts = splitWhatsapp(text, 1_600);
    expect(parts.length).toBe(3);
    for (const part of parts) expect([...part].length).toBeLessThanOrEqual(1_600);
  });
});
