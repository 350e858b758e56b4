/** What one call to a CRM came to, without throwing: the queue decides about retries. */
export type CrmCallOutcome<T> =
  | { kind: 'ok'; value: T }
  | {
      kind: 'failed';
      /** null: no answer (network error, timeout). */
      httpStatus: number | null;
      code: string | null;
      message: string;
      retryAfterMs: number | null;
      /** 429, 5xx or no answer: another try may work. */
      retryable: boolean;
    };

/** A 429 or 5xx answer, or no answer at all, may succeed later; another 4xx will not. */
export function isRetryableCrmFailure(httpStatus: number | null): boolean {
  return httpStatus === null || httpStatus === 429 || httpStatus >= 500;
}

export function crmFailure(httpStatus: number | null, code: string | null, message: string, retryAfterMs: number | null = null): CrmCallOutcome<never> {
  return { kind: 'failed', httpStatus, code, message: message.slice(0, 1_000), retryAfterMs, retryable: isRetryableCrmFailure(httpStatus) };
}
