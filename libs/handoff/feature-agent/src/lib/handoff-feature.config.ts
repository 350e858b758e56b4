import type { z } from 'zod';
import type { authEnv, PlatformConfig, WhatsappTemplates } from '@pegamento/util-config';

/** The auth variables of util-config's `authEnv`, validated. */
export type AuthConfig = z.infer<z.ZodObject<typeof authEnv>>;

/**
 * What HandoffFeatureModule reads: the platform config (DEFAULT_TENANT_ID,
 * DEFAULT_LOCALE) and the auth variables. WEB_MESSAGE_MAX_CHARS, when the app's schema
 * has it, caps an agent's message too (default 4,000, the contract's limit).
 */
export type HandoffFeatureConfig = PlatformConfig &
  AuthConfig & {
    WEB_MESSAGE_MAX_CHARS?: number;
    /** Where the bundled browser code lies (util-config `uiEnv`); the console is `<UI_DIR>/console/`. Default dist/ui. */
    UI_DIR?: string;
    /**
     * Standalone only (`npm start`): create the demo agent and admin when no SEED_AGENT_* /
     * SEED_ADMIN_* are set. No distributed schema has it, so a deployment never has default credentials.
     */
    DEMO_USERS?: boolean;
    /** WhatsApp's customer-service window (util-config `twilioEnv`, default 24): free text only this long after the customer's last message. */
    WHATSAPP_WINDOW_HOURS?: number;
    /** The approved WhatsApp templates (util-config `twilioEnv`): what an agent may send outside the window. */
    WHATSAPP_TEMPLATES?: WhatsappTemplates;
  };

export const HANDOFF_FEATURE_CONFIG = Symbol('HANDOFF_FEATURE_CONFIG');

export const DEFAULT_AGENT_MESSAGE_MAX_CHARS = 4_000;
/** agent.reply v1 carries at most 20,000 characters. */
const EVENT_TEXT_MAX_CHARS = 20_000;

export function agentMessageMaxChars(config: HandoffFeatureConfig): number {
  return Math.min(config.WEB_MESSAGE_MAX_CHARS ?? DEFAULT_AGENT_MESSAGE_MAX_CHARS, EVENT_TEXT_MAX_CHARS);
}
