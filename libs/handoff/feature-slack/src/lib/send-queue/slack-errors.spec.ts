import { webApi } from '@slack/bolt';
import { classifySlackError } from './slack-errors';

describe('Slack Web API failures', () => {
  it('retries a 429 after its Retry-After, a 5xx and no answer; not a client error or a refusal', () => {
    expect(classifySlackError(new webApi.WebAPIRateLimitedError(7))).toEqual({ retryable: true, retryAfterMs: 7_000, code: 'rate_limited' });
    expect(classifySlackError(new webApi.WebAPIHTTPError(503, 'Service Unavailable', {}))).toEqual({ retryable: true, retryAfterMs: null, code: 'http_503' });
    expect(classifySlackError(new webApi.WebAPIHTTPError(400, 'Bad Request', {}))).toMatchObject({ retryable: false, code: 'http_400' });
    expect(classifySlackError(new webApi.WebAPIRequestError(new Error('ECONNRESET')))).toMatchObject({ retryable: true, code: 'network_error' });
    expect(classifySlackError(new webApi.WebAPIPlatformError({ ok: false, error: 'channel_not_found' }))).toMatchObject({ retryable: false, code: 'channel_not_found' });
    expect(classifySlackError(new webApi.WebAPIPlatformError({ ok: false, error: 'internal_error' }))).toMatchObject({ retryable: true });
  });
});
