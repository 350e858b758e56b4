import { AccessTokenService, InvalidTokenError, keyIdOf } from './access-token.service';

const secret = 'a-test-secret-that-is-long-enough-0123456789';
const principal = { userId: 'u1', tenantId: 't1', role: 'agent' as const, displayName: 'Sanne' };

describe('AccessTokenService', () => {
  it('signs a token that verifies to the same principal', async () => {
    const tokens = new AccessTokenService(secret, 60);
    expect(await tokens.verify(await tokens.sign(principal))).toEqual({ ...principal, authTime: expect.any(Number) });
  });

  it('carries the time of the password login through renewals, and stamps now when there is none', async () => {
    const tokens = new AccessTokenService(secret, 60);
    const now = Math.floor(Date.now() / 1000);
    const fresh = await tokens.verify(await tokens.sign(principal));
    expect(Math.abs(fresh.authTime! - now)).toBeLessThanOrEqual(2);
    const renewed = await tokens.verify(await tokens.sign({ ...principal, authTime: now - 7_200 }));
    expect(renewed.authTime).toBe(now - 7_200);
  });

  it('rejects a token signed with another secret', async () => {
    const other = new AccessTokenService(`${secret}-other`, 60);
    await expect(new AccessTokenService(secret, 60).verify(await other.sign(principal))).rejects.toThrow(InvalidTokenError);
  });

  it('rejects an expired token', async () => {
    const tokens = new AccessTokenService(secret, 1);
    const token = await tokens.sign(principal);
    await new Promise((r) => setTimeout(r, 2_100));
    await expect(tokens.verify(token)).rejects.toThrow(/expired/);
  });

  it('rejects a tampered token', async () => {
    const tokens = new AccessTokenService(secret, 60);
    const [h, p, s] = (await tokens.sign(principal)).split('.');
    const forged = Buffer.from(JSON.stringify({ sub: 'u1', tid: 't1', role: 'admin', name: 'X' })).toString('base64url');
    await expect(tokens.verify([h, forged, s].join('.'))).rejects.toThrow(InvalidTokenError);
    expect(p).toBeDefined();
  });

  it('refuses a short secret', () => {
    expect(() => new AccessTokenService('short', 60)).toThrow(/at least 32/);
  });
});

describe('AccessTokenService key rotation', () => {
  const old = 'the-previous-secret-that-is-long-enough-000';
  const current = 'the-current-secret-that-is-long-enough-1111';

  it('names its key in the token header without revealing the secret', async () => {
    const token = await new AccessTokenService(current, 60).sign(principal);
    const header = JSON.parse(Buffer.from(token.split('.')[0]!, 'base64url').toString()) as { kid?: string };
    expect(header.kid).toBe(keyIdOf(current));
    expect(header.kid).not.toContain(current.slice(0, 8));
  });

  it('still verifies tokens signed with a previous secret, and signs new ones with the current', async () => {
    const before = await new AccessTokenService(old, 60).sign(principal);
    const rotated = new AccessTokenService(current, 60, [old]);
    expect(await rotated.verify(before)).toMatchObject(principal);
    const after = await rotated.sign(principal);
    expect(JSON.parse(Buffer.from(after.split('.')[0]!, 'base64url').toString())).toMatchObject({ kid: keyIdOf(current) });
    // Once the old secret is dropped, its tokens are refused.
    await expect(new AccessTokenService(current, 60).verify(before)).rejects.toThrow(InvalidTokenError);
  });

  it('refuses a token whose key id it does not know, even when the signature is valid for another key it has', async () => {
    const tokens = new AccessTokenService(current, 60, [old]);
    const [, payload, signature] = (await tokens.sign(principal)).split('.');
    const header = Buffer.from(JSON.stringify({ alg: 'HS256', kid: 'unknown-key-id' })).toString('base64url');
    await expect(tokens.verify([header, payload, signature].join('.'))).rejects.toThrow(InvalidTokenError);
  });

  it('refuses a short previous secret', () => {
    expect(() => new AccessTokenService(current, 60, ['short'])).toThrow(/at least 32/);
  });
});
