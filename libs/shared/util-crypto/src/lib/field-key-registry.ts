import { FieldCryptoError, FieldCryptoErrorCode } from './field-crypto.error';
import type { FieldKeyRing } from './field-key-ring';

let current: FieldKeyRing | null = null;

/**
 * Sets the key ring of this process: the platform does it once at boot, before the
 * database is used (PlatformModule), and tests do it themselves. TypeORM column
 * transformers have no injection context, so the encrypted columns find the ring here.
 * One process has one ring; setting another replaces it.
 */
export function useFieldKeyRing(ring: FieldKeyRing): void {
  current = ring;
}

/** The process's key ring; throws when none was set, so an encrypted column is never written in clear by mistake. */
export function fieldKeyRing(): FieldKeyRing {
  if (!current) {
    throw new FieldCryptoError(
      FieldCryptoErrorCode.KeysNotSet,
      'no data-encryption keys are set in this process: an encrypted column was used before the platform set DATA_ENCRYPTION_KEYS and BLIND_INDEX_KEY',
    );
  }
  return current;
}

/** Whether a ring was set (for diagnostics and tests). */
export function hasFieldKeyRing(): boolean {
  return current !== null;
}

/** Forgets the ring (tests only). */
export function clearFieldKeyRing(): void {
  current = null;
}
