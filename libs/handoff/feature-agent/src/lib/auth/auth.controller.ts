import { Body, Controller, HttpCode, Inject, Post, Req, UseFilters } from '@nestjs/common';
import type { Request } from 'express';
import { z } from 'zod';
import { HandoffExceptionFilter } from '../handoff.exception.filter';
import { parseRequest } from '../http/zod-body.pipe';
import { LoginUseCase, type LoginResult } from './login/login.use-case';
import { MAX_PASSWORD_LENGTH } from './password-hasher';

const loginSchema = z.object({
  email: z.string().trim().max(254).pipe(z.email()),
  password: z.string().min(1).max(MAX_PASSWORD_LENGTH),
  /** Only for an address with accounts in several tenants. */
  tenantId: z.string().min(1).max(64).optional(),
});

/** Agents and admins log in here and get a JWT for the agent API. */
@Controller('api/v1/auth')
@UseFilters(HandoffExceptionFilter)
export class AuthController {
  constructor(@Inject(LoginUseCase) private readonly login: LoginUseCase) {}

  @Post('login')
  @HttpCode(200)
  async logIn(@Req() request: Request, @Body() body: unknown): Promise<LoginResult> {
    // request.ip honours the app's `trust proxy` setting behind a load balancer.
    await this.login.admit(request.ip ?? request.socket.remoteAddress ?? 'unknown');
    return this.login.execute(parseRequest(loginSchema, body, 'body'));
  }
}
