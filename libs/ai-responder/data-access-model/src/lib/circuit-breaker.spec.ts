import { CircuitBreaker } from './circuit-breaker';

describe('CircuitBreaker', () => {
  let now = 0;
  const breaker = () => new CircuitBreaker({ failureThreshold: 3, resetMs: 1_000, now: () => now });
  beforeEach(() => {
    now = 0;
  });

  it('opens after the given number of consecutive failures', () => {
    const b = breaker();
    for (let i = 0; i < 2; i++) {
      expect(b.tryAcquire()).toBe(true);
      b.recordFailure();
    }
    expect(b.state).toBe('closed');
    b.recordFailure();
    expect(b.state).toBe('open');
    expect(b.tryAcquire()).toBe(false);
    expect(b.retryInMs).toBe(1_000);
  });

  it('counts only consecutive failures: a success resets the count', () => {
    const b = breaker();
    b.recordFailure();
    b.recordFailure();
    b.recordSuccess();
    b.recordFailure();
    b.recordFailure();
    expect(b.state).toBe('closed');
  });

  it('lets exactly one trial call through after the reset time', () => {
    const b = breaker();
    for (let i = 0; i < 3; i++) b.recordFailure();
    now = 999;
    expect(b.tryAcquire()).toBe(false);
    now = 1_000;
    expect(b.state).toBe('half_open');
    expect(b.tryAcquire()).toBe(true);
    expect(b.tryAcquire()).toBe(false);
  });

  it('closes when the trial call succeeds', () => {
    const b = breaker();
    for (let i = 0; i < 3; i++) b.recordFailure();
    now = 1_000;
    b.tryAcquire();
    b.recordSuccess();
    expect(b.state).toBe('closed');
    expect(b.tryAcquire()).toBe(true);
  });

  it('opens again for the reset time when the trial call fails', () => {
    const b = breaker();
    for (let i = 0; i < 3; i++) b.recordFailure();
    now = 1_500;
    b.tryAcquire();
    b.recordFailure();
    expect(b.state).toBe('open');
    now = 2_499;
    expect(b.tryAcquire()).toBe(false);
    now = 2_500;
    expect(b.tryAcquire()).toBe(true);
  });
});
