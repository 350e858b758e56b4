import type { Channel } from '@pegamento/contracts';
import { localizedText, type TextKey } from './texts';
import type { SupportedLocale } from './locale';

/**
 * Versions of the AI disclosure (R01, R02): the first message of every conversation.
 *
 * Whenever any `disclosure.*` text changes, in any locale, append a new entry here
 * with a new version (`YYYY-MM-DD.N`) and the SHA-256 that the failing test in
 * `disclosure.spec.ts` prints. Never edit or remove an entry: the evidence log records
 * the version a customer was shown, and this list says which texts that was.
 */
export const DISCLOSURE_HISTORY = [
  { version: '2026-11-28.1', sha256: '237569f70252bb1ef34782940b176f70c766ab17cf761314b1b7899e2139a6b9' },
] as const satisfies ReadonlyArray<{ version: string; sha256: string }>;

/** The version of the disclosure texts in `src/i18n/*.json` now: record it with every disclosure shown. */
export const DISCLOSURE_VERSION: string = DISCLOSURE_HISTORY[DISCLOSURE_HISTORY.length - 1]!.version;

export const DISCLOSURE_KEYS = {
  web: 'disclosure.web',
  sms: 'disclosure.sms',
  whatsapp: 'disclosure.whatsapp',
  email: 'disclosure.email',
} as const satisfies Record<Channel, TextKey>;

export interface Disclosure {
  channel: Channel;
  text: string;
  /** The language of `text` after fallback. */
  locale: SupportedLocale;
  version: string;
}

/** The disclosure for a channel in the conversation's language, with what the evidence log records. */
export function disclosureFor(channel: Channel, locale: string | null | undefined): Disclosure {
  const { text, locale: used } = localizedText(DISCLOSURE_KEYS[channel], locale);
  return { channel, text, locale: used, version: DISCLOSURE_VERSION };
}
