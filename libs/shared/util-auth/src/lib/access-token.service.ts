import { SignJWT, jwtVerify, errors as joseErrors } from 'jose';
import { z } from 'zod';

export const roleSchema = z.enum(['agent', 'admin']);
export type Role = z.infer<typeof roleSchema>;

/** What an access token says about the agent or admin who holds it. */
export interface AgentPrincipal {
  userId: string;
  tenantId: string;
  role: Role;
  displayName: string;
}

const claimsSchema = z.object({
  sub: z.string().min(1),
  tid: z.string().min(1),
  role: roleSchema,
  name: z.string().min(1),
});

const ISSUER = 'pegamento';
const AUDIENCE = 'pegamento-agent-api';

export class InvalidTokenError extends Error {
  override readonly name = 'InvalidTokenError';
}

/** Signs and checks the agents' JWTs (HS256). Every service that serves agent or admin routes verifies with the same secret. */
export class AccessTokenService {
  private readonly key: Uint8Array;

  constructor(
    secret: string,
    private readonly ttlSeconds: number,
  ) {
    if (secret.length < 32) throw new Error('The JWT secret must be at least 32 characters');
    this.key = new TextEncoder().encode(secret);
  }

  async sign(principal: AgentPrincipal): Promise<string> {
    return new SignJWT({ tid: principal.tenantId, role: principal.role, name: principal.displayName })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject(principal.userId)
      .setIssuer(ISSUER)
      .setAudience(AUDIENCE)
      .setIssuedAt()
      .setExpirationTime(`${this.ttlSeconds}s`)
      .sign(this.key);
  }

  async verify(token: string): Promise<AgentPrincipal> {
    try {
      const { payload } = await jwtVerify(token, this.key, { issuer: ISSUER, audience: AUDIENCE, algorithms: ['HS256'] });
      const claims = claimsSchema.parse(payload);
      return { userId: claims.sub, tenantId: claims.tid, role: claims.role, displayName: claims.name };
    } catch (error) {
      if (error instanceof joseErrors.JWTExpired) throw new InvalidTokenError('token expired');
      throw new InvalidTokenError('invalid token');
    }
  }
}
