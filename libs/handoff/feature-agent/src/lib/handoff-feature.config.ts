import type { z } from 'zod';
import type { authEnv, PlatformConfig } from '@pegamento/util-config';

/** The auth variables of util-config's `authEnv`, validated. */
export type AuthConfig = z.infer<z.ZodObject<typeof authEnv>>;

/**
 * What HandoffFeatureModule reads: the platform config (DEFAULT_TENANT_ID,
 * DEFAULT_LOCALE) and the auth variables. WEB_MESSAGE_MAX_CHARS, when the app's schema
 * has it, caps an agent's message too (default 4,000, the contract's limit).
 */
export type HandoffFeatureConfig = PlatformConfig & AuthConfig & { WEB_MESSAGE_MAX_CHARS?: number };

export const HANDOFF_FEATURE_CONFIG = Symbol('HANDOFF_FEATURE_CONFIG');

export const DEFAULT_AGENT_MESSAGE_MAX_CHARS = 4_000;
/** agent.reply v1 carries at most 20,000 characters. */
const EVENT_TEXT_MAX_CHARS = 20_000;

export function agentMessageMaxChars(config: HandoffFeatureConfig): number {
  return Math.min(config.WEB_MESSAGE_MAX_CHARS ?? DEFAULT_AGENT_MESSAGE_MAX_CHARS, EVENT_TEXT_MAX_CHARS);
}
