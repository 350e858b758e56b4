import { z } from 'zod';
import { DEFAULT_MODEL_EU_HOSTS, MODEL_HOST_PATTERN, hostOf, isAllowedModelHost } from '@pegamento/shared-domain';

/**
 * OpenAI's EU data-residency endpoint (R21: model processing stays in the EU by default).
 * Any other endpoint is an explicit OPENAI_BASE_URL setting, checked against the EU
 * allow-list (`MODEL_EU_HOSTS`); one outside it needs `MODEL_ALLOW_NON_EU=true`.
 */
export const EU_OPENAI_BASE_URL = 'https://eu.api.openai.com/v1';

/** Where the model endpoint is, as recorded at start and shown in the compliance report (R21). */
export interface ModelResidency {
  /** The endpoint's host. */
  host: string;
  /** On the EU allow-list (`MODEL_EU_HOSTS`). */
  inEuAllowList: boolean;
  /** `MODEL_ALLOW_NON_EU=true` was set (only matters when the host is not on the list). */
  nonEuAllowed: boolean;
}

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
  /** Set by {@link modelConfigFromEnv}; absent in configs built by hand (tests). */
  residency?: ModelResidency;
}

const int = (min: number, max: number) => z.coerce.number().int().min(min).max(max);
const flag = z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1');
const hostList = z
  .string()
  .transform((v) => v.split(',').map((s) => s.trim()).filter(Boolean))
  .pipe(z.array(z.string().regex(MODEL_HOST_PATTERN, 'expected host names or *.domain patterns, comma-separated')).min(1));
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
  /** Hosts whose model processing stays in the EU (R21); replaces {@link DEFAULT_MODEL_EU_HOSTS}. */
  MODEL_EU_HOSTS: hostList.default(() => [...DEFAULT_MODEL_EU_HOSTS]),
  /** Accept an OPENAI_BASE_URL outside MODEL_EU_HOSTS: logged as a warning at start and shown in the compliance report. */
  MODEL_ALLOW_NON_EU: flag.default(false),
};

type EndpointEnv = Pick<z.infer<z.ZodObject<typeof modelEnv>>, 'OPENAI_API_KEY' | 'OPENAI_BASE_URL' | 'MODEL_EU_HOSTS' | 'MODEL_ALLOW_NON_EU'>;

/** Why the configured endpoint may not be used, or null when it may (no key: no endpoint is used). */
export function modelEndpointProblem(env: EndpointEnv): string | null {
  if (!env.OPENAI_API_KEY || env.MODEL_ALLOW_NON_EU || isAllowedModelHost(env.OPENAI_BASE_URL, env.MODEL_EU_HOSTS)) return null;
  return (
    `the model endpoint's host "${hostOf(env.OPENAI_BASE_URL)}" is not on the EU allow-list (MODEL_EU_HOSTS: ${env.MODEL_EU_HOSTS.join(', ')}). ` +
    'Use an EU endpoint, add the host to MODEL_EU_HOSTS if its provider processes the data in the EU, ' +
    'or set MODEL_ALLOW_NON_EU=true to accept processing outside the EU (logged at start and shown in the compliance report).'
  );
}

/**
 * Refuses a model endpoint outside the EU allow-list at boot unless MODEL_ALLOW_NON_EU=true
 * (R21). Add it to every schema that merges {@link modelEnv}: `.superRefine(checkModelEndpoint)`.
 */
export function checkModelEndpoint(env: EndpointEnv, ctx: z.RefinementCtx): void {
  const problem = modelEndpointProblem(env);
  if (problem) ctx.addIssue({ code: 'custom', path: ['OPENAI_BASE_URL'], message: problem });
}

export const modelEnvSchema = z.object(modelEnv).superRefine(checkModelEndpoint);
export type ModelEnv = z.infer<typeof modelEnvSchema>;

/** Thrown when a config reaches {@link modelConfigFromEnv} with an endpoint the allow-list refuses. */
export class ModelEndpointNotAllowedError extends Error {
  override readonly name = 'ModelEndpointNotAllowedError';
}

/**
 * The adapter's config from validated variables; `null` when no API key is set. Throws
 * {@link ModelEndpointNotAllowedError} for an endpoint outside the EU allow-list without
 * MODEL_ALLOW_NON_EU, even when a schema forgot {@link checkModelEndpoint}.
 */
export function modelConfigFromEnv(env: ModelEnv): ModelConfig | null {
  if (!env.OPENAI_API_KEY) return null;
  const problem = modelEndpointProblem(env);
  if (problem) throw new ModelEndpointNotAllowedError(`OPENAI_BASE_URL: ${problem}`);
  return {
    apiKey: env.OPENAI_API_KEY,
    baseUrl: env.OPENAI_BASE_URL,
    model: env.OPENAI_MODEL,
    ...(env.OPENAI_EMBEDDING_MODEL ? { embeddingModel: env.OPENAI_EMBEDDING_MODEL } : {}),
    connectTimeoutMs: env.OPENAI_CONNECT_TIMEOUT_MS,
    totalTimeoutMs: env.OPENAI_TIMEOUT_MS,
    breakerFailures: env.OPENAI_BREAKER_FAILURES,
    breakerResetMs: env.OPENAI_BREAKER_RESET_MS,
    residency: {
      host: hostOf(env.OPENAI_BASE_URL),
      inEuAllowList: isAllowedModelHost(env.OPENAI_BASE_URL, env.MODEL_EU_HOSTS),
      nonEuAllowed: env.MODEL_ALLOW_NON_EU,
    },
  };
}
