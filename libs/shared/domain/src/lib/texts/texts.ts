import en from '../../i18n/en.json';
import nl from '../../i18n/nl.json';
import { isSupportedLocale, primaryLanguageTag, TEXT_FALLBACK_CHAIN, type SupportedLocale } from './locale';
import { TextsErrorCode, TextsException } from './texts.exception';

/**
 * Customer-facing texts. The catalogues live in `src/i18n/<locale>.json` (flat keys,
 * `{param}` placeholders); English is the reference for the set of keys, and a test
 * keeps every catalogue on exactly the same keys and placeholders.
 */
export type TextKey = keyof typeof en;

type Catalogue = Readonly<Partial<Record<TextKey, string>>>;

const CATALOGUES: Readonly<Record<SupportedLocale, Catalogue>> = { nl, en };

/**
 * The `{param}` placeholders of each text. Typed so that `t('status.agentJoined', 'nl')`
 * without `{ agentName }` does not compile; a test checks this table against the JSON.
 */
export const TEXT_PARAMS = {
  'assistant.displayName': [],
  'assistant.typing': [],
  'assistant.placeholderAnswer': [],
  'assistant.notHuman': [],
  'action.talkToPerson': [],
  'disclosure.web': [],
  'disclosure.sms': [],
  'disclosure.whatsapp': [],
  'disclosure.email': [],
  'status.waitingForAgent': [],
  'status.waitingOutsideHours': ['nextOpening', 'phone', 'email'],
  'status.waitingOutsideHoursUnknown': ['phone', 'email'],
  'status.agentJoined': ['agentName'],
  'status.agentLeft': [],
  'status.backToAssistant': [],
  'status.closed': [],
  'status.reopened': [],
  'status.flagReceived': [],
  'agent.roleLabel': [],
  'sensitive.crisis': [],
  'handoff.humanRoutes': ['phone', 'email'],
  'time.today': [],
  'time.tomorrow': [],
  'sms.help': ['phone', 'email'],
  'sms.stopped': [],
  'sms.started': [],
  'sms.helpNoRoutes': [],
  'sms.helpOneRoute': ['route'],
  'assistant.channelLabel': [],
  'assistant.cannotReadAttachments': [],
  'system.displayName': [],
  'customer.displayName': [],
  'status.waitingOutsideHoursNoRoutes': ['nextOpening'],
  'status.waitingOutsideHoursUnknownNoRoutes': [],
  'assistant.knowledgeAnswer': ['title', 'passage'],
  'assistant.dontKnow': [],
  'assistant.orderStatus': ['orders'],
  'assistant.orderSource': [],
  'assistant.unavailable': [],
  'email.subject': [],
  'email.phoneRoute': ['phone'],
} as const satisfies Record<TextKey, readonly string[]>;

export type TextParamName<K extends TextKey> = (typeof TEXT_PARAMS)[K][number];
export type TextParamValue = string | number;

/** The rest arguments of `t`: none for a text without placeholders, else every one of them. */
export type TextParamsArg<K extends TextKey> = (typeof TEXT_PARAMS)[K] extends readonly []
  ? [params?: Readonly<Record<string, never>>]
  : [params: Readonly<Record<TextParamName<K>, TextParamValue>>];

export const TEXT_KEYS: readonly TextKey[] = Object.keys(TEXT_PARAMS) as TextKey[];

export function isTextKey(value: unknown): value is TextKey {
  return typeof value === 'string' && Object.prototype.hasOwnProperty.call(TEXT_PARAMS, value);
}

export interface LocalizedText {
  text: string;
  /** The locale the text was actually taken from (after fallback): record this, not the request. */
  locale: SupportedLocale;
}

/** Requested locale first, then English, then Dutch; each once. */
export function textLocaleChain(locale: string | null | undefined): SupportedLocale[] {
  const requested = locale ? primaryLanguageTag(locale) : undefined;
  const chain: SupportedLocale[] = isSupportedLocale(requested) ? [requested] : [];
  for (const l of TEXT_FALLBACK_CHAIN) if (!chain.includes(l)) chain.push(l);
  return chain;
}

const PLACEHOLDER = /\{([A-Za-z][A-Za-z0-9_]*)\}/g;

/** Names of the `{param}` placeholders in a text, in order of first appearance. */
export function placeholdersOf(text: string): string[] {
  return [...new Set([...text.matchAll(PLACEHOLDER)].map((m) => m[1]!))];
}

function interpolate(key: string, text: string, params: Readonly<Record<string, TextParamValue>> | undefined): string {
  return text.replace(PLACEHOLDER, (_whole, name: string) => {
    const value = params?.[name];
    if (value === undefined || value === null) {
      throw new TextsException(TextsErrorCode.MissingParam, `Text "${key}" needs a value for {${name}}`);
    }
    return String(value);
  });
}

/** Like `t`, but also says which locale the text came from (for the evidence log). */
export function localizedText<K extends TextKey>(key: K, locale: string | null | undefined, ...[params]: TextParamsArg<K>): LocalizedText {
  for (const candidate of textLocaleChain(locale)) {
    const text = CATALOGUES[candidate][key];
    if (typeof text === 'string') {
      return { text: interpolate(key, text, params as Readonly<Record<string, TextParamValue>> | undefined), locale: candidate };
    }
  }
  throw new TextsException(TextsErrorCode.UnknownKey, `No text "${String(key)}" in any locale`);
}

/**
 * The customer-facing text `key` in `locale` (any BCP-47 tag; "nl-BE" reads Dutch),
 * falling back to English and then Dutch, with `{param}`s filled in.
 *
 * Throws `TextsException` for a key no catalogue has or a missing param: both are
 * programming errors that the `TextKey` and `TextParamsArg` types already reject at
 * compile time, and sending a customer a raw key or "{agentName}" is worse than failing.
 */
export function t<K extends TextKey>(key: K, locale: string | null | undefined, ...params: TextParamsArg<K>): string {
  return localizedText(key, locale, ...params).text;
}
