import { afterFailedLogin, lockRemainingMs, retryAfterSeconds, type LockState } from './lockout';

const policy = { maxFailures: 3, lockoutMs: 60_000 };
const t0 = new Date('2026-11-28T10:00:00.000Z');
const at = (ms: number) => new Date(t0.getTime() + ms);

describe('login lockout', () => {
  it('locks the account on the last allowed failure in a row', () => {
    let state: LockState = { failedLogins: 0, lockedUntil: null };
    state = afterFailedLogin(state, t0, policy);
    state = afterFailedLogin(state, t0, policy);
    expect(state).toEqual({ failedLogins: 2, lockedUntil: null });
    state = afterFailedLogin(state, t0, policy);
    expect(state).toEqual({ failedLogins: 0, lockedUntil: at(60_000) });
    expect(lockRemainingMs(state, at(1_000))).toBe(59_000);
  });

  it('is not locked once the lock has run out, and counts a fresh run of failures', () => {
    const locked: LockState = { failedLogins: 0, lockedUntil: at(60_000) };
    expect(lockRemainingMs(locked, at(60_000))).toBe(0);
    expect(afterFailedLogin(locked, at(61_000), policy)).toEqual({ failedLogins: 1, lockedUntil: null });
  });

  it('locks at once when one failure is allowed', () => {
    expect(afterFailedLogin({ failedLogins: 0, lockedUntil: null }, t0, { maxFailures: 1, lockoutMs: 5_000 }).lockedUntil).toEqual(at(5_000));
  });

  it('rounds Retry-After up to whole seconds, at least one', () => {
    expect(retryAfterSeconds(1)).toBe(1);
    expect(retryAfterSeconds(1_001)).toBe(2);
    expect(retryAfterSeconds(0)).toBe(1);
  });
});
