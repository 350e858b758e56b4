import { webApi } from '@slack/bolt';

export interface SlackFailure {
  /** Worth trying again: 429, a 5xx, a 408, or no answer (network, timeout). */
  retryable: boolean;
  /** What Slack's Retry-After asked for, when it said. */
  retryAfterMs: number | null;
  /** Slack's error code (`channel_not_found`), `http_<status>`, `rate_limited` or `network_error`: never a text. */
  code: string;
}

/** Platform errors (HTTP 200, `ok: false`) that Slack documents as passing. */
const TRANSIENT_PLATFORM_ERRORS = new Set(['ratelimited', 'internal_error', 'fatal_error', 'service_unavailable', 'request_timeout']);

/** Reads an error of @slack/web-api's WebClient (retries off, 429s rejected: our queue retries, ADR 0017). */
export function classifySlackError(error: unknown): SlackFailure {
  const e = error as { code?: string; retryAfter?: number; statusCode?: number; data?: { error?: string } } | null;
  switch (e?.code) {
    case webApi.ErrorCode.RateLimitedError:
      return { retryable: true, retryAfterMs: typeof e.retryAfter === 'number' ? e.retryAfter * 1_000 : null, code: 'rate_limited' };
    case webApi.ErrorCode.HTTPError: {
      const status = e.statusCode ?? 0;
      return { retryable: status >= 500 || status === 408, retryAfterMs: null, code: `http_${status}` };
    }
    case webApi.ErrorCode.RequestError:
      return { retryable: true, retryAfterMs: null, code: 'network_error' };
    case webApi.ErrorCode.PlatformError: {
      const code = e.data?.error ?? 'platform_error';
      return { retryable: TRANSIENT_PLATFORM_ERRORS.has(code), retryAfterMs: null, code };
    }
    default:
      return { retryable: true, retryAfterMs: null, code: 'network_error' };
  }
}
