import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import type { Response } from 'express';
import { httpError } from './http-errors';

/**
 * A named limit (points per window) from config, answered with 429 and Retry-After.
 * Memory-backed: the limit holds per process; behind several replicas put the same
 * limit in the ingress too (docs/deploy-kubernetes.md).
 */
export class RateLimit {
  private readonly limiter: RateLimiterMemory;

  constructor(
    readonly name: string,
    points: number,
    windowSeconds: number,
  ) {
    this.limiter = new RateLimiterMemory({ keyPrefix: name, points, duration: windowSeconds });
  }

  /** Takes one point for `key`; throws a 429 (and sets Retry-After on `response`) when none is left. */
  async consume(key: string, response?: Response): Promise<void> {
    try {
      await this.limiter.consume(key);
    } catch (rejection) {
      if (!(rejection instanceof RateLimiterRes)) throw rejection;
      const retryAfter = Math.max(1, Math.ceil(rejection.msBeforeNext / 1_000));
      response?.setHeader('Retry-After', String(retryAfter));
      throw httpError(429, 'rate_limited', `Too many requests. Try again in ${retryAfter} seconds.`, { retryAfterSeconds: retryAfter });
    }
  }
}
