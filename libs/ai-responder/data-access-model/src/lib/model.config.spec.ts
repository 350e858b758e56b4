import { EU_OPENAI_BASE_URL, modelConfigFromEnv, modelEnvSchema } from './model.config';

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
    });
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
});
