/** A user's run of failed logins and the lock it led to. */
export interface LockState {
  failedLogins: number;
  lockedUntil: Date | null;
}

export interface LockoutPolicy {
  maxFailures: number;
  lockoutMs: number;
}

/** Milliseconds the account stays locked, or 0 when it is not locked at `now`. */
export function lockRemainingMs(state: LockState, now: Date): number {
  if (!state.lockedUntil) return 0;
  return Math.max(0, state.lockedUntil.getTime() - now.getTime());
}

/**
 * The state after one more failed login: `maxFailures` failures in a row lock the
 * account for `lockoutMs`. A lock that has run out starts a fresh run of failures.
 */
export function afterFailedLogin(state: LockState, now: Date, policy: LockoutPolicy): LockState {
  const lockExpired = state.lockedUntil !== null && state.lockedUntil.getTime() <= now.getTime();
  const failures = (lockExpired ? 0 : state.failedLogins) + 1;
  if (failures >= policy.maxFailures) return { failedLogins: 0, lockedUntil: new Date(now.getTime() + policy.lockoutMs) };
  return { failedLogins: failures, lockedUntil: lockExpired ? null : state.lockedUntil };
}

export function retryAfterSeconds(ms: number): number {
  return Math.max(1, Math.ceil(ms / 1_000));
}
