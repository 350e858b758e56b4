/** Tries and back-off of a call to an outside API (Twilio's send queue, Slack's). */
export interface RetryPolicy {
  maxAttempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
}

/**
 * The wait before try `attempt + 1` after try `attempt` failed: what Retry-After asks
 * for when it said, else exponential back-off from the base; never more than the max.
 * Null when no try is left.
 */
export function nextRetryDelayMs(attempt: number, policy: RetryPolicy, retryAfterMs: number | null): number | null {
  if (attempt >= policy.maxAttempts) return null;
  const backoff = policy.baseDelayMs * 2 ** (attempt - 1);
  return Math.min(policy.maxDelayMs, retryAfterMs ?? backoff);
}
