import { readSession, renewalDue, sessionFromLogin, warningRemainingMs } from './session';

const answer = (expiresIn: number) => ({ accessToken: 'jwt', expiresIn, user: { id: 'u', displayName: 'Sanne', role: 'agent' as const, tenantId: 't' } });

describe('console session', () => {
  it('ends when the token does', () => {
    const session = sessionFromLogin(answer(3_600), 1_000);
    expect(session.expiresAt).toBe(1_000 + 3_600_000);
    expect(readSession(JSON.stringify(session), 2_000)).toEqual(session);
    expect(readSession(JSON.stringify(session), session.expiresAt)).toBeNull();
  });

  it('ignores a damaged stored session', () => {
    expect(readSession(null, 0)).toBeNull();
    expect(readSession('{not json', 0)).toBeNull();
    expect(readSession(JSON.stringify({ token: 'x', ttlMs: 1, expiresAt: 10, user: { id: 'u', displayName: 'S', role: 'root' } }), 0)).toBeNull();
  });

  it('warns five minutes before a long session ends, not before and not after', () => {
    const session = sessionFromLogin(answer(3_600), 0);
    expect(warningRemainingMs(session, session.expiresAt - 6 * 60_000)).toBeNull();
    expect(warningRemainingMs(session, session.expiresAt - 4 * 60_000)).toBe(4 * 60_000);
    expect(warningRemainingMs(session, session.expiresAt + 1)).toBeNull();
  });

  it('uses the last third of a short-lived token (15 minutes: the last 5; 60 seconds: the last 20)', () => {
    const fifteen = sessionFromLogin(answer(900), 0);
    expect(warningRemainingMs(fifteen, fifteen.expiresAt - 5 * 60_000)).toBe(5 * 60_000);
    const minute = sessionFromLogin(answer(60), 0);
    expect(warningRemainingMs(minute, 39_000)).toBeNull();
    expect(warningRemainingMs(minute, 41_000)).toBe(19_000);
  });

  it('renews by itself only for an agent who was active since the token was issued', () => {
    const session = sessionFromLogin(answer(900), 0);
    const late = session.expiresAt - 60_000;
    expect(renewalDue(session, late, 120_000)).toBe(true);
    expect(renewalDue(session, late, 0)).toBe(false);
    expect(renewalDue(session, 60_000, 50_000)).toBe(false);
    expect(renewalDue(session, session.expiresAt + 1, late)).toBe(false);
  });
});
