import { Inject, Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AccessTokenService } from '@pegamento/util-auth';
import { findUsersByEmail, lockUser, normaliseEmail, UserEntity, type UserRole } from '@pegamento/handoff-data-access';
import { HANDOFF_FEATURE_CONFIG, type HandoffFeatureConfig } from '../../handoff-feature.config';
import { HandoffErrorCode, HandoffException } from '../../handoff.exception';
import { HandoffMetrics } from '../../metrics/handoff.metrics';
import { afterFailedLogin, lockRemainingMs } from '../lockout';
import { accountLocked, LoginThrottle } from '../login-throttle';
import { PasswordHasher } from '../password-hasher';

export interface LoginInput {
  email: string;
  password: string;
  /** Needed only when one address has accounts in several tenants and the same password. */
  tenantId?: string;
}

export interface LoginResult {
  accessToken: string;
  tokenType: 'Bearer';
  expiresIn: number;
  user: { id: string; displayName: string; role: UserRole; tenantId: string };
}

const INVALID = 'The e-mail address or password is not right.';

/**
 * POST /api/v1/auth/login. Wrong e-mail and wrong password answer alike (401
 * `invalid_credentials`, and as slowly: an argon2id verification either way);
 * LOGIN_MAX_FAILURES failures in a row lock the account for LOGIN_LOCKOUT_MS (429
 * `account_locked` + Retry-After); an inactive user cannot log in.
 */
@Injectable()
export class LoginUseCase {
  private readonly logger = new Logger(LoginUseCase.name);

  constructor(
    @Inject(DataSource) private readonly dataSource: DataSource,
    @Inject(AccessTokenService) private readonly tokens: AccessTokenService,
    @Inject(PasswordHasher) private readonly hasher: PasswordHasher,
    @Inject(LoginThrottle) private readonly throttle: LoginThrottle,
    @Inject(HandoffMetrics) private readonly metrics: HandoffMetrics,
    @Inject(HANDOFF_FEATURE_CONFIG) private readonly config: HandoffFeatureConfig,
  ) {}

  /**
   * Counts one attempt against the client IP's rate limit (429 `rate_limited` over it).
   * Called before the body is even parsed, so malformed attempts count too.
   */
  async admit(ip: string): Promise<void> {
    try {
      await this.throttle.consumeIp(ip);
    } catch (error) {
      if (error instanceof HandoffException) this.metrics.login(error.code);
      throw error;
    }
  }

  /** Checks the credentials of an attempt `admit` let through. */
  async execute(input: LoginInput): Promise<LoginResult> {
    try {
      const result = await this.authenticate(input);
      this.metrics.login('ok');
      return result;
    } catch (error) {
      if (error instanceof HandoffException) this.metrics.login(error.code);
      throw error;
    }
  }

  private async authenticate(input: LoginInput): Promise<LoginResult> {
    const email = normaliseEmail(input.email);
    const now = new Date();
    const candidates = await findUsersByEmail(this.dataSource.manager, email, input.tenantId);

    if (candidates.length === 0) {
      await this.hasher.verifyDummy(input.password);
      const locked = await this.throttle.unknownLockRemainingMs(email);
      if (locked > 0) throw accountLocked(locked);
      await this.throttle.recordUnknownFailure(email);
      throw new HandoffException(HandoffErrorCode.InvalidCredentials, INVALID);
    }

    const unlocked = candidates.filter((u) => lockRemainingMs(u, now) === 0);
    if (unlocked.length === 0) {
      await this.hasher.verifyDummy(input.password);
      throw accountLocked(Math.min(...candidates.map((u) => lockRemainingMs(u, now))));
    }

    let match: UserEntity | null = null;
    for (const user of unlocked) {
      if (await this.hasher.verify(user.passwordHash, input.password)) {
        match = user;
        break;
      }
    }

    if (!match) {
      await Promise.all(unlocked.map((user) => this.recordFailure(user.id, now)));
      throw new HandoffException(HandoffErrorCode.InvalidCredentials, INVALID);
    }
    if (!match.active) {
      // Same answer as a wrong password: the address's owner may not use it any more.
      throw new HandoffException(HandoffErrorCode.InvalidCredentials, INVALID);
    }

    const rehash = this.hasher.needsRehash(match.passwordHash) ? await this.hasher.hash(input.password) : null;
    await this.dataSource.getRepository(UserEntity).update(
      { id: match.id },
      { failedLogins: 0, lockedUntil: null, lastLoginAt: now, ...(rehash ? { passwordHash: rehash } : {}) },
    );
    const principal = { userId: match.id, tenantId: match.tenantId, role: match.role, displayName: match.displayName };
    this.logger.log({ userId: match.id, tenantId: match.tenantId }, 'agent logged in');
    return {
      accessToken: await this.tokens.sign(principal),
      tokenType: 'Bearer',
      expiresIn: this.config.JWT_TTL_SECONDS,
      user: { id: match.id, displayName: match.displayName, role: match.role, tenantId: match.tenantId },
    };
  }

  /** One more failure in a row, under the row lock so concurrent failures all count. */
  private async recordFailure(userId: string, now: Date): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const user = await lockUser(manager, userId);
      if (!user) return;
      const next = afterFailedLogin(user, now, this.throttle.policy);
      await manager.getRepository(UserEntity).update({ id: userId }, next);
      if (next.lockedUntil && next.failedLogins === 0) {
        this.logger.warn({ userId, tenantId: user.tenantId }, 'account locked after failed logins');
      }
    });
  }
}
