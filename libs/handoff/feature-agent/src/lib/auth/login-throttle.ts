import { Inject, Injectable } from '@nestjs/common';
import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import { HANDOFF_FEATURE_CONFIG, type HandoffFeatureConfig } from '../handoff-feature.config';
import { HandoffErrorCode, HandoffException } from '../handoff.exception';
import { afterFailedLogin, lockRemainingMs, retryAfterSeconds, type LockState, type LockoutPolicy } from './lockout';

/** Addresses tracked at once for the lockout of unknown e-mail addresses; the oldest go first. */
const MAX_TRACKED_UNKNOWN = 10_000;

/**
 * The in-memory side of login protection, per process:
 * - LOGIN_RATE_LIMIT_PER_MINUTE login attempts per client IP (`request.ip`, so it
 *   honours the app's `trust proxy` setting behind a load balancer);
 * - the same lockout rule as for real accounts, for e-mail addresses no user has, so
 *   a lockout answer does not tell whether an address exists.
 */
@Injectable()
export class LoginThrottle {
  private readonly perIp: RateLimiterMemory;
  private readonly unknown = new Map<string, LockState>();
  readonly policy: LockoutPolicy;

  constructor(@Inject(HANDOFF_FEATURE_CONFIG) config: HandoffFeatureConfig) {
    this.perIp = new RateLimiterMemory({ keyPrefix: 'login-ip', points: config.LOGIN_RATE_LIMIT_PER_MINUTE, duration: 60 });
    this.policy = { maxFailures: config.LOGIN_MAX_FAILURES, lockoutMs: config.LOGIN_LOCKOUT_MS };
  }

  /** Counts one attempt from this IP; 429 `rate_limited` with Retry-After over the limit. */
  async consumeIp(ip: string): Promise<void> {
    try {
      await this.perIp.consume(ip);
    } catch (rejection) {
      if (!(rejection instanceof RateLimiterRes)) throw rejection;
      throw new HandoffException(
        HandoffErrorCode.RateLimited,
        'Too many login attempts from your network. Wait a minute, then try again.',
        retryAfterSeconds(rejection.msBeforeNext),
      );
    }
  }

  unknownLockRemainingMs(email: string, now: Date): number {
    const state = this.unknown.get(email);
    return state ? lockRemainingMs(state, now) : 0;
  }

  recordUnknownFailure(email: string, now: Date): void {
    const next = afterFailedLogin(this.unknown.get(email) ?? { failedLogins: 0, lockedUntil: null }, now, this.policy);
    this.unknown.delete(email);
    this.unknown.set(email, next);
    if (this.unknown.size > MAX_TRACKED_UNKNOWN) {
      const oldest = this.unknown.keys().next();
      if (!oldest.done) this.unknown.delete(oldest.value);
    }
  }
}

export function accountLocked(remainingMs: number): HandoffException {
  const seconds = retryAfterSeconds(remainingMs);
  const minutes = Math.ceil(seconds / 60);
  const wait = seconds < 60 ? `${seconds} second${seconds === 1 ? '' : 's'}` : `${minutes} minute${minutes === 1 ? '' : 's'}`;
  return new HandoffException(
    HandoffErrorCode.AccountLocked,
    `Too many failed login attempts: this account is locked. Try again in ${wait}, or ask an administrator.`,
    seconds,
  );
}
