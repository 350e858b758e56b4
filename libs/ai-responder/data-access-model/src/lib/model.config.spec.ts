import { z } from 'zod';
import { DEFAULT_MODEL_EU_HOSTS } from '@pegamento/shared-domain';
import { EU_OPENAI_BASE_URL, ModelEndpointNotAllowedError, checkModelEndpoint, modelConfigFromEnv, modelEnv, modelEnvSchema } from './model.config';

describe('modelEnv', () => {
  it('has the documented defaults, with the EU endpoint as the default base URL', () => {
    const env = modelEnvSchema.parse({ OPENAI_API_KEY: 'sk-test' });
    expect(modelConfigFromEnv(env)).toEqual({
      apiKey: 'sk-test',
      baseUrl: EU_OPENAI_BASE_URL,
      model: 'gpt-4o-mini',
      connectTimeoutMs: 3_000,
      totalTimeoutMs: 10_000,
      breakerFailures: 5,
      breakerResetMs: 30_000,
      residency: { host: 'eu.api.openai.com', inEuAllowList: true, nonEuAllowed: false },
    });
    expect(env.MODEL_EU_HOSTS).toEqual(DEFAULT_MODEL_EU_HOSTS);
    expect(env.MODEL_ALLOW_NON_EU).toBe(false);
  });

  it('reads every variable', () => {
    const env = modelEnvSchema.parse({
      OPENAI_API_KEY: 'k',
      OPENAI_BASE_URL: 'https://api.mistral.ai/v1',
      OPENAI_MODEL: 'mistral-small-latest',
      OPENAI_EMBEDDING_MODEL: 'mistral-embed',
      OPENAI_CONNECT_TIMEOUT_MS: '1000',
      OPENAI_TIMEOUT_MS: '8000',
      OPENAI_BREAKER_FAILURES: '3',
      OPENAI_BREAKER_RESET_MS: '60000',
    });
    expect(modelConfigFromEnv(env)).toMatchObject({
      baseUrl: 'https://api.mistral.ai/v1',
      model: 'mistral-small-latest',
      embeddingModel: 'mistral-embed',
      connectTimeoutMs: 1_000,
      totalTimeoutMs: 8_000,
      breakerFailures: 3,
      breakerResetMs: 60_000,
    });
  });

  it('gives no config without an API key (an empty one counts as none)', () => {
    expect(modelConfigFromEnv(modelEnvSchema.parse({}))).toBeNull();
    expect(modelConfigFromEnv(modelEnvSchema.parse({ OPENAI_API_KEY: '  ' }))).toBeNull();
  });

  it('rejects a base URL that is not http(s) and timeouts out of range', () => {
    const result = modelEnvSchema.safeParse({ OPENAI_BASE_URL: 'ftp://x', OPENAI_TIMEOUT_MS: '5', OPENAI_BREAKER_FAILURES: '0' });
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((i) => i.path[0]).sort()).toEqual(['OPENAI_BASE_URL', 'OPENAI_BREAKER_FAILURES', 'OPENAI_TIMEOUT_MS']);
  });

  describe('EU allow-list (R21)', () => {
    it('refuses to start with an endpoint outside the allow-list, naming the host and the way out', () => {
      const result = modelEnvSchema.safeParse({ OPENAI_API_KEY: 'k', OPENAI_BASE_URL: 'https://api.openai.com/v1' });
      expect(result.success).toBe(false);
      const issue = result.error!.issues[0]!;
      expect(issue.path).toEqual(['OPENAI_BASE_URL']);
      expect(issue.message).toContain('"api.openai.com" is not on the EU allow-list');
      expect(issue.message).toContain('MODEL_ALLOW_NON_EU=true');
    });

    it('accepts such an endpoint with MODEL_ALLOW_NON_EU=true and says so in the config', () => {
      const env = modelEnvSchema.parse({ OPENAI_API_KEY: 'k', OPENAI_BASE_URL: 'https://api.openai.com/v1', MODEL_ALLOW_NON_EU: 'true' });
      expect(modelConfigFromEnv(env)?.residency).toEqual({ host: 'api.openai.com', inEuAllowList: false, nonEuAllowed: true });
    });

    it('accepts the EU endpoints and a local server without the setting', () => {
      for (const url of ['https://api.mistral.ai/v1', 'https://api.scaleway.ai/v1', 'http://127.0.0.1:8080/v1', 'http://localhost:11434/v1']) {
        const env = modelEnvSchema.parse({ OPENAI_API_KEY: 'k', OPENAI_BASE_URL: url });
        expect(modelConfigFromEnv(env)?.residency?.inEuAllowList).toBe(true);
      }
    });

    it('does not check the endpoint when there is no key (no model is called)', () => {
      expect(modelEnvSchema.safeParse({ OPENAI_BASE_URL: 'https://api.openai.com/v1' }).success).toBe(true);
    });

    it('takes MODEL_EU_HOSTS as the whole list, with wildcards, and rejects malformed entries', () => {
      const env = modelEnvSchema.parse({ OPENAI_API_KEY: 'k', OPENAI_BASE_URL: 'https://llm.eu.example/v1', MODEL_EU_HOSTS: '*.eu.example, api.mistral.ai' });
      expect(env.MODEL_EU_HOSTS).toEqual(['*.eu.example', 'api.mistral.ai']);
      expect(modelEnvSchema.safeParse({ OPENAI_API_KEY: 'k', OPENAI_BASE_URL: 'https://api.scaleway.ai/v1', MODEL_EU_HOSTS: 'api.mistral.ai' }).success).toBe(false);
      expect(modelEnvSchema.safeParse({ MODEL_EU_HOSTS: 'https://api.mistral.ai/v1' }).success).toBe(false);
      expect(modelEnvSchema.safeParse({ MODEL_ALLOW_NON_EU: 'yes' }).success).toBe(false);
    });

    it('refuses in modelConfigFromEnv too, for a schema that forgot the check', () => {
      const lax = z.object(modelEnv).parse({ OPENAI_API_KEY: 'k', OPENAI_BASE_URL: 'https://api.openai.com/v1' });
      expect(() => modelConfigFromEnv(lax)).toThrow(ModelEndpointNotAllowedError);
    });

    it('can be added to a merged app schema with superRefine', () => {
      const app = z.object({ PORT: z.coerce.number().default(3000), ...modelEnv }).superRefine(checkModelEndpoint);
      expect(app.safeParse({ OPENAI_API_KEY: 'k', OPENAI_BASE_URL: 'https://us.api.openai.com/v1' }).success).toBe(false);
      expect(app.safeParse({ OPENAI_API_KEY: 'k' }).success).toBe(true);
    });
  });
});
