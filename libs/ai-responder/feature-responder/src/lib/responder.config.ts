import type { ModelConfig } from '@pegamento/ai-responder-data-access-model';

export interface ResponderConfig {
  DEFAULT_TENANT_ID: string;
  /** Load the demo knowledge base when the default tenant has none. */
  loadDemoKnowledge: boolean;
  /** The OpenAI-compatible endpoint, or null: answers from the knowledge base alone. */
  model: ModelConfig | null;
}

export const RESPONDER_CONFIG = Symbol('RESPONDER_CONFIG');
