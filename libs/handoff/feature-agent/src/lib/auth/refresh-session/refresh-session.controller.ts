import { Controller, HttpCode, Inject, Post, UseFilters } from '@nestjs/common';
import { Authenticated, CurrentAgent, type AgentPrincipal } from '@pegamento/util-auth';
import { HandoffExceptionFilter } from '../../handoff.exception.filter';
import type { LoginResult } from '../login/login.use-case';
import { RefreshSessionUseCase } from './refresh-session.use-case';

/** Extends a console session: a valid access token in, a new one (full JWT_TTL_SECONDS) out. */
@Controller('api/v1/auth')
@UseFilters(HandoffExceptionFilter)
export class RefreshSessionController {
  constructor(@Inject(RefreshSessionUseCase) private readonly refreshSession: RefreshSessionUseCase) {}

  @Post('refresh')
  @HttpCode(200)
  @Authenticated()
  refresh(@CurrentAgent() principal: AgentPrincipal): Promise<LoginResult> {
    return this.refreshSession.execute(principal);
  }
}
