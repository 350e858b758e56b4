/**
 * Languages the customer-facing texts exist in, and how a BCP-47 tag (or an
 * Accept-Language header) maps onto one of them.
 */
export const SUPPORTED_LOCALES = ['nl', 'en'] as const;
export type SupportedLocale = (typeof SUPPORTED_LOCALES)[number];

/** The contract's `DEFAULT_LOCALE` default: a conversation that did not say is Dutch. */
export const DEFAULT_LOCALE: SupportedLocale = 'nl';

/**
 * Order in which `t` looks for a text: the requested language, then English (the
 * language most customers who write in neither Dutch nor English read), then Dutch.
 */
export const TEXT_FALLBACK_CHAIN: readonly SupportedLocale[] = ['en', 'nl'];

export function isSupportedLocale(value: unknown): value is SupportedLocale {
  return typeof value === 'string' && (SUPPORTED_LOCALES as readonly string[]).includes(value);
}

/** Lower-cased primary language subtag of a BCP-47 tag: "nl-BE" → "nl", "EN_gb" → "en". */
export function primaryLanguageTag(tag: string): string {
  return tag.trim().split(/[-_]/, 1)[0]!.toLowerCase();
}

/**
 * The supported locale a BCP-47 tag asks for: "nl-BE" → "nl", "en-US" → "en";
 * an empty, missing or unsupported tag ("de-DE", "*") → `fallback`.
 *
 * Also takes an Accept-Language list ("fr-FR, en;q=0.8, nl;q=0.5"): the supported
 * language with the highest quality wins (ties keep the header's order).
 */
export function resolveLocale(tag: string | null | undefined, fallback: SupportedLocale = DEFAULT_LOCALE): SupportedLocale {
  if (!tag) return fallback;
  const ranges = tag
    .split(',')
    .map((part, index) => {
      const [range = '', ...paramList] = part.split(';');
      const qParam = paramList.map((p) => p.trim()).find((p) => p.startsWith('q='));
      const q = qParam === undefined ? 1 : Number(qParam.slice(2));
      return { language: primaryLanguageTag(range), q: Number.isFinite(q) ? q : 0, index };
    })
    .filter((r) => r.q > 0 && isSupportedLocale(r.language))
    .sort((a, b) => b.q - a.q || a.index - b.index);
  const best = ranges[0]?.language;
  return isSupportedLocale(best) ? best : fallback;
}
