/**
 * Compliance keywords (R30; CTIA and Twilio's defaults, plus Dutch), on SMS and on
 * WhatsApp alike: WhatsApp's policy requires honouring a request to stop, and Twilio
 * processes these words for SMS only. Only a whole message counts ("STOP", " stop! "),
 * never a word inside a sentence ("stop met mijn abonnement" is a question for the
 * assistant or a person).
 */
export type ComplianceKeyword = 'opt_out' | 'opt_in' | 'help';

/** Stop every further message to the number on that channel. */
export const OPT_OUT_KEYWORDS: readonly string[] = [
  'STOP', 'STOPALL', 'UNSUBSCRIBE', 'END', 'QUIT', 'REVOKE', 'OPTOUT', 'CANCEL',
  // Dutch
  'STOPPEN', 'AFMELDEN', 'UITSCHRIJVEN',
];

/** Messages again after an opt-out. */
export const OPT_IN_KEYWORDS: readonly string[] = ['START', 'UNSTOP', 'AANMELDEN'];

/** Twilio also reads YES as opt-in; here only from a number that opted out, so "yes" stays an answer otherwise. */
export const OPT_IN_WHEN_OPTED_OUT: readonly string[] = ['YES', 'JA'];

/** The human routes and how to stop. */
export const HELP_KEYWORDS: readonly string[] = ['HELP', 'INFO', 'HULP'];

/** Upper case, outer spaces and punctuation dropped, inner spaces removed ("stop all" = STOPALL). */
export function normaliseKeyword(text: string): string {
  return text
    .normalize('NFKC')
    .trim()
    .replace(/^[\p{P}\p{S}\s]+|[\p{P}\p{S}\s]+$/gu, '')
    .replace(/\s+/g, '')
    .toUpperCase();
}

/** The compliance keyword a whole SMS or WhatsApp message is, if it is one. */
export function classifyComplianceKeyword(text: string, options: { optedOut: boolean }): ComplianceKeyword | null {
  const word = normaliseKeyword(text);
  if (word.length === 0 || word.length > 16) return null;
  if (OPT_OUT_KEYWORDS.includes(word)) return 'opt_out';
  if (OPT_IN_KEYWORDS.includes(word)) return 'opt_in';
  if (options.optedOut && OPT_IN_WHEN_OPTED_OUT.includes(word)) return 'opt_in';
  if (HELP_KEYWORDS.includes(word)) return 'help';
  return null;
}
