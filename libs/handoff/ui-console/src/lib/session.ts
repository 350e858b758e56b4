import type { LoginAnswer, SessionUser } from './types';

/**
 * A console session: the access token (kept in sessionStorage only, never localStorage),
 * how long such a token lives and when this one ends, and who it is.
 */
export interface Session {
  token: string;
  ttlMs: number;
  expiresAt: number;
  user: SessionUser;
}

export const SESSION_KEY = 'pegamento.console.session';
/** The warning before an idle session ends comes at most this long before (WCAG 2.2.1: warn, and offer to extend). */
export const SESSION_WARNING_MS = 5 * 60_000;

export function sessionFromLogin(answer: LoginAnswer, now: number): Session {
  const ttlMs = answer.expiresIn * 1_000;
  return { token: answer.accessToken, ttlMs, expiresAt: now + ttlMs, user: answer.user };
}

/** A stored session when it is whole and not yet ended; null otherwise. */
export function readSession(raw: string | null, now: number): Session | null {
  if (!raw) return null;
  try {
    const value = JSON.parse(raw) as Partial<Session>;
    const user = value.user as Partial<SessionUser> | undefined;
    if (typeof value.token !== 'string' || typeof value.expiresAt !== 'number' || typeof value.ttlMs !== 'number' || !user) return null;
    if (typeof user.id !== 'string' || typeof user.displayName !== 'string' || (user.role !== 'agent' && user.role !== 'admin')) return null;
    if (value.expiresAt <= now) return null;
    return value as Session;
  } catch {
    return null;
  }
}

/** The last part of a token's life: renewed then when the agent was active, else a warning. A third of a short token's life at most. */
export function warningWindowMs(session: Session): number {
  return Math.min(SESSION_WARNING_MS, session.ttlMs / 3);
}

/**
 * Renew now without asking: the token is in its last part and the agent did something
 * since it was issued. Access tokens are short-lived (JWT_TTL_SECONDS), so a working agent
 * never sees a session end.
 */
export function renewalDue(session: Session, now: number, lastActivityAt: number): boolean {
  const left = session.expiresAt - now;
  return left > 0 && left <= warningWindowMs(session) && lastActivityAt > session.expiresAt - session.ttlMs;
}

/** Milliseconds left when an idle session is in its last part (warn, and offer to stay), else null (also once ended). */
export function warningRemainingMs(session: Session, now: number): number | null {
  const left = session.expiresAt - now;
  return left > 0 && left <= warningWindowMs(session) ? left : null;
}
