import { Body, Controller, HttpCode, Inject, Post, Req, UseFilters } from '@nestjs/common';
import type { Request } from 'express';
import { loginBodySchema } from '@pegamento/contracts';
import { HandoffExceptionFilter } from '../handoff.exception.filter';
import { parseRequest } from '@pegamento/util-http';
import { LoginUseCase, type LoginResult } from './login/login.use-case';

const loginSchema = loginBodySchema;

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
