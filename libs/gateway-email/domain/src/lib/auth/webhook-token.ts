import { createHash, timingSafeEqual } from 'node:crypto';

/** The token of `Authorization: Bearer <token>`, or null when the header is missing or of another scheme. */
export function bearerToken(header: string | undefined | null): string | null {
  if (!header) return null;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header.trim());
  return match ? match[1]! : null;
}

/**
 * Whether the given token is the expected one, in constant time: both are hashed to
 * SHA-256 first, so the comparison (crypto.timingSafeEqual on equal-length digests) says
 * nothing about the token's length or its first differing character.
 */
export function tokenMatches(given: string | null, expected: string): boolean {
  if (given === null || expected.length === 0) return false;
  const a = createHash('sha256').update(given, 'utf8').digest();
  const b = createHash('sha256').update(expected, 'utf8').digest();
  return timingSafeEqual(a, b);
}
