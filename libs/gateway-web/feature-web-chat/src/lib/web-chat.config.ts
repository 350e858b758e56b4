import type { PlatformConfig } from '@pegamento/util-config';

/** What the web chat reads of its app's validated config (util-config's webChatEnv + tenancy). */
export interface WebChatConfig extends Pick<PlatformConfig, 'DEFAULT_TENANT_ID' | 'DEFAULT_LOCALE'> {
  WEB_MESSAGE_MAX_CHARS: number;
  WEB_RATE_LIMIT_CONVERSATION_PER_MINUTE: number;
  WEB_RATE_LIMIT_IP_PER_MINUTE: number;
  WEB_CONVERSATIONS_PER_IP_PER_HOUR: number;
}

export const WEB_CHAT_CONFIG = Symbol('WEB_CHAT_CONFIG');
