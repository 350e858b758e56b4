export interface ResponderConfig {
  DEFAULT_TENANT_ID: string;
  /** Load the demo knowledge base when the default tenant has none. */
  loadDemoKnowledge: boolean;
}

export const RESPONDER_CONFIG = Symbol('RESPONDER_CONFIG');
