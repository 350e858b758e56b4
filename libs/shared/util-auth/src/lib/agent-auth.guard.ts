import {
  createParamDecorator,
  ForbiddenException,
  Inject,
  Injectable,
  SetMetadata,
  UnauthorizedException,
  UseGuards,
  applyDecorators,
  type CanActivate,
  type ExecutionContext,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import { AccessTokenService, type AgentPrincipal, type Role } from './access-token.service';

const ROLES = Symbol('ROLES');
type AuthedRequest = Request & { principal?: AgentPrincipal };

/**
 * Checks `Authorization: Bearer <JWT>` and the route's roles. An admin may do all an
 * agent may. 401 without or with a bad token, 403 with too few rights.
 */
@Injectable()
export class AgentAuthGuard implements CanActivate {
  constructor(
    @Inject(AccessTokenService) private readonly tokens: AccessTokenService,
    private readonly reflector: Reflector,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<AuthedRequest>();
    const header = request.headers.authorization ?? '';
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    if (!match) throw new UnauthorizedException({ error: { code: 'unauthorized', message: 'Log in first: a Bearer token is required.' } });
    let principal: AgentPrincipal;
    try {
      principal = await this.tokens.verify(match[1]!);
    } catch {
      throw new UnauthorizedException({ error: { code: 'invalid_token', message: 'Your session is not valid any more. Log in again.' } });
    }
    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES, [context.getHandler(), context.getClass()]) ?? ['agent'];
    if (!roles.includes(principal.role) && principal.role !== 'admin') {
      throw new ForbiddenException({ error: { code: 'forbidden', message: 'Your role may not do this.' } });
    }
    request.principal = principal;
    return true;
  }
}

/** Protects a route or controller; `Authenticated('admin')` for admin-only routes. */
export const Authenticated = (...roles: Role[]) =>
  applyDecorators(SetMetadata(ROLES, roles.length > 0 ? roles : ['agent']), UseGuards(AgentAuthGuard));

export const CurrentAgent = createParamDecorator((_data: unknown, context: ExecutionContext): AgentPrincipal => {
  const principal = context.switchToHttp().getRequest<AuthedRequest>().principal;
  if (!principal) throw new UnauthorizedException();
  return principal;
});
