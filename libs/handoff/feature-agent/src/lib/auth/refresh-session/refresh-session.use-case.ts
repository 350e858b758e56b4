import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AccessTokenService, type AgentPrincipal } from '@pegamento/util-auth';
import { HANDOFF_FEATURE_CONFIG, type HandoffFeatureConfig } from '../../handoff-feature.config';
import { actingAgent } from '../../agent/acting-agent';
import { HandoffErrorCode, HandoffException } from '../../handoff.exception';
import type { LoginResult } from '../login/login.use-case';

/**
 * POST /api/v1/auth/refresh: a fresh access token for a still-valid one, so the console can
 * offer "stay logged in" before a session ends (WCAG 2.2.1, R27) without asking for the
 * password again. The account must still be active; role and name are read anew. The
 * new token keeps the time of the password login: after JWT_MAX_SESSION_SECONDS it is
 * refused with 401 session_expired, so a stolen token cannot be renewed for ever.
 */
@Injectable()
export class RefreshSessionUseCase {
  constructor(
    @Inject(DataSource) private readonly dataSource: DataSource,
    @Inject(AccessTokenService) private readonly tokens: AccessTokenService,
    @Inject(HANDOFF_FEATURE_CONFIG) private readonly config: HandoffFeatureConfig,
  ) {}

  async execute(principal: AgentPrincipal, nowSeconds = Math.floor(Date.now() / 1000)): Promise<LoginResult> {
    const authTime = principal.authTime ?? 0;
    if (nowSeconds - authTime > this.config.JWT_MAX_SESSION_SECONDS) {
      throw new HandoffException(HandoffErrorCode.SessionExpired, 'The session has ended. Please log in again.');
    }
    const user = await actingAgent(this.dataSource.manager, principal);
    const fresh = { userId: user.id, tenantId: user.tenantId, role: user.role, displayName: user.displayName, authTime };
    return {
      accessToken: await this.tokens.sign(fresh),
      tokenType: 'Bearer',
      expiresIn: this.config.JWT_TTL_SECONDS,
      user: { id: user.id, displayName: user.displayName, role: user.role, tenantId: user.tenantId },
    };
  }
}
