import type { ModelConfig } from '@pegamento/ai-responder-data-access-model';
import type { BackofficeOptions } from '@pegamento/data-access-backoffice';

export interface ResponderConfig {
  DEFAULT_TENANT_ID: string;
  /** Load the demo knowledge base when the default tenant has none. */
  loadDemoKnowledge: boolean;
  /** The OpenAI-compatible endpoint, or null: answers from the knowledge base alone. */
  model: ModelConfig | null;
  /** The organisation's back office (BACKOFFICE_*), or null: no order-status answers. */
  backoffice: BackofficeOptions | null;
}

/** BACKOFFICE_* of a validated config as the client's options, or null when BACKOFFICE_API_URL is unset. */
export function backofficeOptionsFromEnv(config: {
  BACKOFFICE_API_URL?: string | undefined;
  BACKOFFICE_API_TOKEN?: string | undefined;
  BACKOFFICE_TIMEOUT_MS: number;
  BACKOFFICE_RESPONSE_MAX_BYTES: number;
}): BackofficeOptions | null {
  return config.BACKOFFICE_API_URL
    ? { baseUrl: config.BACKOFFICE_API_URL, token: config.BACKOFFICE_API_TOKEN ?? null, timeoutMs: config.BACKOFFICE_TIMEOUT_MS, maxBytes: config.BACKOFFICE_RESPONSE_MAX_BYTES }
    : null;
}

export const RESPONDER_CONFIG = Symbol('RESPONDER_CONFIG');
