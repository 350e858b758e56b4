import { randomBytes } from 'node:crypto';
import { FieldCryptoError, FieldCryptoErrorCode } from './field-crypto.error';
import { BLIND_INDEX_MIN_KEY_BYTES, KEY_BYTES, KEY_ID_PATTERN, type DataKey } from './field-key-ring';

const BASE64 = /^[A-Za-z0-9+/_-]+={0,2}$/;

function decodeBase64(text: string): Buffer | null {
  const trimmed = text.trim();
  if (!BASE64.test(trimmed)) return null;
  return Buffer.from(trimmed.replace(/-/g, '+').replace(/_/g, '/'), 'base64');
}

/**
 * DATA_ENCRYPTION_KEYS: comma-separated `kid:base64key`, each key 32 bytes (base64 or
 * base64url). The first encrypts; all decrypt. Throws FieldCryptoError naming what is wrong
 * (never the key itself).
 */
export function parseDataEncryptionKeys(text: string): DataKey[] {
  const entries = text.split(',').map((s) => s.trim()).filter(Boolean);
  if (entries.length === 0) throw new FieldCryptoError(FieldCryptoErrorCode.InvalidKey, 'expected kid:base64key[,kid:base64key…]');
  const keys: DataKey[] = [];
  for (const [index, entry] of entries.entries()) {
    const colon = entry.indexOf(':');
    if (colon < 0) throw new FieldCryptoError(FieldCryptoErrorCode.InvalidKey, `entry ${index + 1} is not kid:base64key`);
    const kid = entry.slice(0, colon);
    if (!KEY_ID_PATTERN.test(kid)) throw new FieldCryptoError(FieldCryptoErrorCode.InvalidKey, `entry ${index + 1}: the key id must be 1–32 of A-Z a-z 0-9 _ -`);
    const key = decodeBase64(entry.slice(colon + 1));
    if (!key) throw new FieldCryptoError(FieldCryptoErrorCode.InvalidKey, `key '${kid}' is not base64`);
    if (key.length !== KEY_BYTES) throw new FieldCryptoError(FieldCryptoErrorCode.InvalidKey, `key '${kid}' must be ${KEY_BYTES} bytes (44 base64 characters), not ${key.length}`);
    if (keys.some((k) => k.kid === kid)) throw new FieldCryptoError(FieldCryptoErrorCode.InvalidKey, `key id '${kid}' is given twice`);
    keys.push({ kid, key });
  }
  return keys;
}

/** BLIND_INDEX_KEY: base64 (or base64url), at least 32 bytes. */
export function parseBlindIndexKey(text: string): Buffer {
  const key = decodeBase64(text);
  if (!key) throw new FieldCryptoError(FieldCryptoErrorCode.InvalidKey, 'not base64');
  if (key.length < BLIND_INDEX_MIN_KEY_BYTES) {
    throw new FieldCryptoError(FieldCryptoErrorCode.InvalidKey, `must be at least ${BLIND_INDEX_MIN_KEY_BYTES} bytes (44 base64 characters), not ${key.length}`);
  }
  return key;
}

/** A new random data key as a DATA_ENCRYPTION_KEYS entry: `<kid>:<base64>`. */
export function newDataKeyEntry(kid: string = `k${new Date().toISOString().slice(0, 10).replace(/-/g, '')}${randomBytes(2).toString('hex')}`): string {
  if (!KEY_ID_PATTERN.test(kid)) throw new FieldCryptoError(FieldCryptoErrorCode.InvalidKey, `key id '${kid}' must be 1–32 of A-Z a-z 0-9 _ -`);
  return `${kid}:${randomBytes(KEY_BYTES).toString('base64')}`;
}

/** A new random BLIND_INDEX_KEY (32 bytes, base64). */
export function newBlindIndexKey(): string {
  return randomBytes(BLIND_INDEX_MIN_KEY_BYTES).toString('base64');
}
