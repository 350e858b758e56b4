import { nextRetryDelayMs } from './retry-delay';

describe('the back-off of calls to outside APIs', () => {
  it('doubles from the base, honours Retry-After up to the max, and stops after the last try', () => {
    const policy = { maxAttempts: 3, baseDelayMs: 100, maxDelayMs: 1_000 };
    expect([1, 2].map((a) => nextRetryDelayMs(a, policy, null))).toEqual([100, 200]);
    expect(nextRetryDelayMs(3, policy, null)).toBeNull();
    expect(nextRetryDelayMs(1, policy, 60_000)).toBe(1_000);
    expect(nextRetryDelayMs(2, policy, 0)).toBe(0);
  });
});
