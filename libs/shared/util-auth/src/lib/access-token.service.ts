import { createHash } from 'node:crypto';
import { SignJWT, decodeProtectedHeader, jwtVerify, errors as joseErrors } from 'jose';
import { z } from 'zod';

export const roleSchema = z.enum(['agent', 'admin']);
export type Role = z.infer<typeof roleSchema>;

/** What an access token says about the agent or admin who holds it. */
export interface AgentPrincipal {
  userId: string;
  tenantId: string;
  role: Role;
  displayName: string;
  /** When the agent last gave their password (epoch seconds): a renewed token keeps it, so a session has an end. */
  authTime?: number;
}

const claimsSchema = z.object({
  sub: z.string().min(1),
  tid: z.string().min(1),
  role: roleSchema,
  name: z.string().min(1),
  auth_time: z.number().int().optional(),
  iat: z.number().int().optional(),
});

const ISSUER = 'pegamento';
const AUDIENCE = 'pegamento-agent-api';

export class InvalidTokenError extends Error {
  override readonly name = 'InvalidTokenError';
}

/** The key id of a secret: a short hash, so a token names its key without revealing it. */
export function keyIdOf(secret: string): string {
  return createHash('sha256').update(secret).digest('base64url').slice(0, 16);
}

/**
 * Signs and checks the agents' JWTs (HS256). Every service that serves agent or admin
 * routes verifies with the same secrets. Tokens name their key (`kid`): rotating means
 * setting a new JWT_SECRET and moving the old one to JWT_PREVIOUS_SECRETS, which still
 * verifies the tokens it signed until they expire (JWT_TTL_SECONDS), then can go.
 */
export class AccessTokenService {
  private readonly key: Uint8Array;
  private readonly keyId: string;
  private readonly verifyKeys: Map<string, Uint8Array>;

  constructor(
    secret: string,
    private readonly ttlSeconds: number,
    previousSecrets: readonly string[] = [],
  ) {
    for (const s of [secret, ...previousSecrets]) if (s.length < 32) throw new Error('The JWT secret must be at least 32 characters');
    const encode = (s: string) => new TextEncoder().encode(s);
    this.key = encode(secret);
    this.keyId = keyIdOf(secret);
    this.verifyKeys = new Map([...previousSecrets, secret].map((s) => [keyIdOf(s), encode(s)]));
  }

  async sign(principal: AgentPrincipal): Promise<string> {
    return new SignJWT({ tid: principal.tenantId, role: principal.role, name: principal.displayName, auth_time: principal.authTime ?? Math.floor(Date.now() / 1000) })
      .setProtectedHeader({ alg: 'HS256', kid: this.keyId })
      .setSubject(principal.userId)
      .setIssuer(ISSUER)
      .setAudience(AUDIENCE)
      .setIssuedAt()
      .setExpirationTime(`${this.ttlSeconds}s`)
      .sign(this.key);
  }

  async verify(token: string): Promise<AgentPrincipal> {
    try {
      const { kid } = decodeProtectedHeader(token);
      // A token without a key id predates rotation: only the current secret may verify it.
      const key = kid === undefined ? this.key : this.verifyKeys.get(kid);
      if (!key) throw new InvalidTokenError('invalid token');
      const { payload } = await jwtVerify(token, key, { issuer: ISSUER, audience: AUDIENCE, algorithms: ['HS256'] });
      const claims = claimsSchema.parse(payload);
      return { userId: claims.sub, tenantId: claims.tid, role: claims.role, displayName: claims.name, authTime: claims.auth_time ?? claims.iat };
    } catch (error) {
      if (error instanceof joseErrors.JWTExpired) throw new InvalidTokenError('token expired');
      throw new InvalidTokenError('invalid token');
    }
  }
}
