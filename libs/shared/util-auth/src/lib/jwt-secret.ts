import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

/**
 * The JWT secret: JWT_SECRET when set (required in production); for the standalone
 * process without one, a random secret generated once and kept under DATA_DIR, so
 * agents stay logged in across restarts.
 */
export function resolveJwtSecret(configured: string | undefined, dataDir: string | null): string {
  if (configured) return configured;
  if (!dataDir) throw new Error('JWT_SECRET is required');
  const dir = join(resolve(dataDir), 'secrets');
  const file = join(dir, 'jwt-secret');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const secret = randomBytes(48).toString('base64url');
  writeFileSync(file, secret, { mode: 0o600, flag: 'wx' });
  return secret;
}
