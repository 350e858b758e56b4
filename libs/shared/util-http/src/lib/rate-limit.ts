import { RateLimiterMemory, RateLimiterPostgres, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
import type { Response } from 'express';
import type { DataSource } from 'typeorm';
import { httpError } from './http-errors';

/** Table of the shared limits' counters (migration in data-access-conversations). */
export const RATE_LIMIT_TABLE = 'rate_limit_points';

/**
 * A limiter of `points` per `windowSeconds` for a named limit. With a database, the
 * counters live in PostgreSQL, so every replica of a service counts against one limit
 * (three pods do not triple it); while the database cannot answer, each process falls
 * back to counting on its own rather than letting everything through or refusing all.
 * Without one (unit tests), the counters are the process's own.
 */
export function createRateLimiter(name: string, points: number, windowSeconds: number, store?: DataSource): RateLimiterAbstract {
  const local = new RateLimiterMemory({ keyPrefix: name, points, duration: windowSeconds });
  if (!store) return local;
  return new RateLimiterPostgres({
    storeClient: store,
    storeType: 'typeorm',
    tableName: RATE_LIMIT_TABLE,
    tableCreated: true,
    keyPrefix: name,
    points,
    duration: windowSeconds,
    insuranceLimiter: local,
  });
}

/** A named limit (points per window) from config, answered with 429 and Retry-After. */
export class RateLimit {
  private readonly limiter: RateLimiterAbstract;

  constructor(
    readonly name: string,
    points: number,
    windowSeconds: number,
    store?: DataSource,
  ) {
    this.limiter = createRateLimiter(name, points, windowSeconds, store);
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
