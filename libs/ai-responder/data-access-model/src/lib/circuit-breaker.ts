export type CircuitState = 'closed' | 'open' | 'half_open';

export interface CircuitBreakerOptions {
  /** Consecutive failures that open the circuit. */
  failureThreshold: number;
  /** How long the circuit stays open before one trial call is let through. */
  resetMs: number;
  /** Clock in milliseconds (tests inject one). */
  now?: () => number;
}

/**
 * A consecutive-failure circuit breaker. Closed: calls pass, failures are counted and any
 * success resets the count. After `failureThreshold` failures in a row it opens: calls are
 * refused at once. After `resetMs` it lets exactly one trial call through (half-open);
 * the trial's success closes the circuit, its failure opens it for another `resetMs`.
 * Callers run `tryAcquire()` before a call and report the outcome with
 * `recordSuccess()` / `recordFailure()`.
 */
export class CircuitBreaker {
  private failures = 0;
  private openedAt: number | null = null;
  private trialInFlight = false;
  private readonly now: () => number;

  constructor(private readonly options: CircuitBreakerOptions) {
    if (options.failureThreshold < 1) throw new RangeError('failureThreshold must be at least 1');
    this.now = options.now ?? Date.now;
  }

  get state(): CircuitState {
    if (this.openedAt === null) return 'closed';
    return this.now() - this.openedAt >= this.options.resetMs ? 'half_open' : 'open';
  }

  /** Milliseconds until the circuit lets a trial call through (0 when it would now). */
  get retryInMs(): number {
    if (this.openedAt === null) return 0;
    return Math.max(0, this.openedAt + this.options.resetMs - this.now());
  }

  /** True when a call may go out now; in half-open state only for the one trial call. */
  tryAcquire(): boolean {
    switch (this.state) {
      case 'closed':
        return true;
      case 'open':
        return false;
      case 'half_open':
        if (this.trialInFlight) return false;
        this.trialInFlight = true;
        return true;
    }
  }

  recordSuccess(): void {
    this.failures = 0;
    this.openedAt = null;
    this.trialInFlight = false;
  }

  recordFailure(): void {
    this.trialInFlight = false;
    this.failures += 1;
    if (this.openedAt !== null || this.failures >= this.options.failureThreshold) this.openedAt = this.now();
  }
}
