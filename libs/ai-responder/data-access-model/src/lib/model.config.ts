import { z } from 'zod';

/**
 * OpenAI's EU data-residency endpoint (R21: model processing stays in the EU by default).
 * Any other endpoint is an explicit OPENAI_BASE_URL setting; document it for the tenant.
 */
export const EU_OPENAI_BASE_URL = 'https://eu.api.openai.com/v1';

export interface ModelConfig {
  apiKey: string;
  /** Any OpenAI-compatible endpoint, e.g. `https://api.mistral.ai/v1`; default {@link EU_OPENAI_BASE_URL}. */
  baseUrl?: string;
  model: string;
  /** Without one, `embed()` answers `null`. */
  embeddingModel?: string;
  /** Longest wait for a TCP (+TLS) connection to the endpoint; a timed-out connect is retried once. */
  connectTimeoutMs: number;
  /** Budget of one call, retry included: the caller can always answer the customer within it. */
  totalTimeoutMs: number;
  /** Consecutive failures that open the circuit breaker. */
  breakerFailures: number;
  /** How long the breaker stays open before one trial call is let through. */
  breakerResetMs: number;
}

const int = (min: number, max: number) => z.coerce.number().int().min(min).max(max);
const optionalText = z
  .string()
  .trim()
  .transform((v) => (v === '' ? undefined : v))
  .optional();

/**
 * Environment variables of the model adapter, to be merged into an app's config schema
 * (`z.object({ ...platformEnv, ...modelEnv })`) and turned into a config with
 * {@link modelConfigFromEnv}. Nothing here reads `process.env`.
 */
export const modelEnv = {
  /** Without a key there is no model: the responder answers honestly that a person will help. */
  OPENAI_API_KEY: optionalText,
  OPENAI_BASE_URL: z.url({ protocol: /^https?$/ }).default(EU_OPENAI_BASE_URL),
  OPENAI_MODEL: z.string().trim().min(1).default('gpt-4o-mini'),
  OPENAI_EMBEDDING_MODEL: optionalText,
  OPENAI_CONNECT_TIMEOUT_MS: int(100, 60_000).default(3_000),
  OPENAI_TIMEOUT_MS: int(500, 120_000).default(10_000),
  OPENAI_BREAKER_FAILURES: int(1, 1_000).default(5),
  OPENAI_BREAKER_RESET_MS: int(100, 3_600_000).default(30_000),
};

export const modelEnvSchema = z.object(modelEnv);
export type ModelEnv = z.infer<typeof modelEnvSchema>;

/** The adapter's config from validated variables; `null` when no API key is set. */
export function modelConfigFromEnv(env: ModelEnv): ModelConfig | null {
  if (!env.OPENAI_API_KEY) return null;
  return {
    apiKey: env.OPENAI_API_KEY,
    baseUrl: env.OPENAI_BASE_URL,
    model: env.OPENAI_MODEL,
    ...(env.OPENAI_EMBEDDING_MODEL ? { embeddingModel: env.OPENAI_EMBEDDING_MODEL } : {}),
    connectTimeoutMs: env.OPENAI_CONNECT_TIMEOUT_MS,
    totalTimeoutMs: env.OPENAI_TIMEOUT_MS,
    breakerFailures: env.OPENAI_BREAKER_FAILURES,
    breakerResetMs: env.OPENAI_BREAKER_RESET_MS,
  };
}
