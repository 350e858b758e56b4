import { randomBytes } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { hash, parseOptions, verify } from '@node-rs/argon2';

/**
 * OWASP Password Storage Cheat Sheet, first option for argon2id: 19 MiB of memory,
 * 2 iterations, 1 degree of parallelism. @node-rs/argon2 uses argon2id (v1.3) by default;
 * a unit test checks the encoded hash says so.
 */
export const ARGON2_PARAMETERS = { memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

/** Passwords longer than this are refused before hashing (a cheap denial of service otherwise). */
export const MAX_PASSWORD_LENGTH = 1_024;

@Injectable()
export class PasswordHasher {
  private dummyHash: Promise<string> | null = null;

  hash(password: string): Promise<string> {
    return hash(password, ARGON2_PARAMETERS);
  }

  /** False for a wrong password and for a stored value that is not an argon2 hash. */
  async verify(passwordHash: string, password: string): Promise<boolean> {
    try {
      return await verify(passwordHash, password);
    } catch {
      return false;
    }
  }

  /**
   * Spends the time a real verification takes, so an unknown e-mail address, a locked
   * or an inactive account answer as slowly as a wrong password.
   */
  async verifyDummy(password: string): Promise<void> {
    this.dummyHash ??= this.hash(randomBytes(32).toString('base64url'));
    await this.verify(await this.dummyHash, password);
  }

  /** The hash was made with other parameters than today's: rehash at the next good login. */
  needsRehash(passwordHash: string): boolean {
    try {
      const options = parseOptions(passwordHash);
      return (
        options.memoryCost !== ARGON2_PARAMETERS.memoryCost ||
        options.timeCost !== ARGON2_PARAMETERS.timeCost ||
        options.parallelism !== ARGON2_PARAMETERS.parallelism ||
        !passwordHash.startsWith('$argon2id$')
      );
    } catch {
      return true;
    }
  }
}
