import { createHash } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
import type { DataSource } from 'typeorm';
import { createRateLimiter } from '@pegamento/util-http';
import { HANDOFF_FEATURE_CONFIG, type HandoffFeatureConfig } from '../handoff-feature.config';
import { HandoffErrorCode, HandoffException } from '../handoff.exception';
import { retryAfterSeconds, type LockoutPolicy } from './lockout';

/** Failed logins of an address no user has are forgotten after a day without a lock. */
const UNKNOWN_FAILURE_MEMORY_SECONDS = 24 * 3_600;

/**
 * The side of login protection that is not an account's own lockout, counted in the
 * database (rate_limit_points) so it holds across replicas and restarts:
 * - LOGIN_RATE_LIMIT_PER_MINUTE login attempts per client IP (`request.ip`, so it
 *   honours the app's `trust proxy` setting behind a load balancer);
 * - the same lockout rule as for real accounts, for e-mail addresses no user has, so
 *   a lockout answer does not tell whether an address exists. The address is kept only
 *   as a SHA-256 hash in the counter's key.
 */
@Injectable()
export class LoginThrottle {
  private readonly perIp: RateLimiterAbstract;
  private readonly unknown: RateLimiterAbstract;
  readonly policy: LockoutPolicy;

  constructor(@Inject(HANDOFF_FEATURE_CONFIG) config: HandoffFeatureConfig, @InjectDataSource() dataSource: DataSource) {
    this.perIp = createRateLimiter('login-ip', config.LOGIN_RATE_LIMIT_PER_MINUTE, 60, dataSource);
    this.unknown = createRateLimiter('login-unknown', config.LOGIN_MAX_FAILURES, UNKNOWN_FAILURE_MEMORY_SECONDS, dataSource);
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

  /** Milliseconds an unknown address stays locked; 0 when it is not. */
  async unknownLockRemainingMs(email: string): Promise<number> {
    const state = await this.unknown.get(unknownKey(email));
    return state && state.consumedPoints > this.policy.maxFailures ? Math.max(1, state.msBeforeNext) : 0;
  }

  /** One more failure of an unknown address; the LOGIN_MAX_FAILURES-th locks it for LOGIN_LOCKOUT_MS, as for a user. */
  async recordUnknownFailure(email: string): Promise<void> {
    const key = unknownKey(email);
    let failures: number;
    try {
      failures = (await this.unknown.consume(key)).consumedPoints;
    } catch (rejection) {
      if (!(rejection instanceof RateLimiterRes)) throw rejection;
      failures = rejection.consumedPoints;
    }
    // block() leaves the count above the limit until the lock runs out, then forgets the address.
    if (failures >= this.policy.maxFailures) await this.unknown.block(key, this.policy.lockoutMs / 1_000);
  }
}

function unknownKey(email: string): string {
  return createHash('sha256').update(email).digest('hex');
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
