import { DEFAULT_MODEL_EU_HOSTS, MODEL_HOST_PATTERN, hostMatches, hostOf, isAllowedModelHost } from './model-endpoint';

describe('the EU allow-list of model endpoints', () => {
  it('allows the listed EU endpoints and the local machine by default', () => {
    for (const url of [
      'https://eu.api.openai.com/v1',
      'https://api.mistral.ai/v1',
      'https://api.scaleway.ai/v1',
      'https://oai.endpoints.kepler.ai.cloud.ovh.net/v1',
      'https://openai.inference.de-txl.ionos.com/v1',
      'http://localhost:11434/v1',
      'http://127.0.0.1:8080/v1',
      'http://[::1]:8000/v1',
    ]) {
      expect(isAllowedModelHost(url, DEFAULT_MODEL_EU_HOSTS)).toBe(true);
    }
  });

  it('refuses endpoints that are not EU by default, and look-alikes of listed ones', () => {
    for (const url of [
      'https://api.openai.com/v1',
      'https://us.api.openai.com/v1',
      'https://myresource.openai.azure.com/openai',
      'https://api.mistral.ai.evil.example/v1',
      'https://endpoints.kepler.ai.cloud.ovh.net/v1',
      'https://evil-api.mistral.ai.example/v1',
    ]) {
      expect(isAllowedModelHost(url, DEFAULT_MODEL_EU_HOSTS)).toBe(false);
    }
  });

  it('matches a wildcard only below its domain, case-insensitively', () => {
    expect(hostMatches('A.B.example', '*.b.example')).toBe(true);
    expect(hostMatches('b.example', '*.b.example')).toBe(false);
    expect(hostMatches('xb.example', '*.b.example')).toBe(false);
    expect(hostMatches('api.example.', 'api.example')).toBe(true);
  });

  it('reads the host of a URL without port, path or IPv6 brackets', () => {
    expect(hostOf('HTTPS://API.Mistral.AI:443/v1')).toBe('api.mistral.ai');
    expect(hostOf('http://[::1]:8000/v1')).toBe('::1');
  });

  it('accepts host names, wildcards and IPv6 literals as patterns, nothing else', () => {
    for (const p of DEFAULT_MODEL_EU_HOSTS) expect(MODEL_HOST_PATTERN.test(p)).toBe(true);
    for (const p of ['*', 'https://api.mistral.ai', 'api.mistral.ai/v1', '*.', 'a b']) expect(MODEL_HOST_PATTERN.test(p)).toBe(false);
  });
});
