import { AccessTokenService, InvalidTokenError } from './access-token.service';

const secret = 'a-test-secret-that-is-long-enough-0123456789';
const principal = { userId: 'u1', tenantId: 't1', role: 'agent' as const, displayName: 'Sanne' };

describe('AccessTokenService', () => {
  it('signs a token that verifies to the same principal', async () => {
    const tokens = new AccessTokenService(secret, 60);
    expect(await tokens.verify(await tokens.sign(principal))).toEqual(principal);
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
