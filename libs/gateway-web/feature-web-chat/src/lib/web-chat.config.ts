import type { PlatformConfig } from '@pegamento/util-config';

/** What the web chat reads of its app's validated config (util-config's webChatEnv + tenancy). */
export interface WebChatConfig extends Pick<PlatformConfig, 'DEFAULT_TENANT_ID' | 'DEFAULT_LOCALE'> {
  WEB_MESSAGE_MAX_CHARS: number;
  WEB_RATE_LIMIT_CONVERSATION_PER_MINUTE: number;
  WEB_RATE_LIMIT_IP_PER_MINUTE: number;
  WEB_CONVERSATIONS_PER_IP_PER_HOUR: number;
  /** How long the tenant's allowed widget origins are cached (util-config webChatEnv). */
  WEB_ORIGINS_CACHE_MS: number;
  /** Cache-Control max-age of /widget.js (util-config webChatEnv). */
  WIDGET_CACHE_MAX_AGE_SECONDS: number;
  /** The public URL of this service; the platform's own privacy and accessibility links use it when set, else a path on this host. */
  PUBLIC_BASE_URL?: string;
  /** Where the bundled browser code lies (util-config uiEnv); the widget is `<UI_DIR>/widget/widget.js`. */
  UI_DIR: string;
  /** Standalone only (util-config demoTenantEnv): the demo tenant gets the sample shop's phone and e-mail. */
  DEMO_TENANT?: boolean;
}

export const WEB_CHAT_CONFIG = Symbol('WEB_CHAT_CONFIG');
