import { createCipheriv, createDecipheriv, createHmac, randomBytes } from 'node:crypto';
import { FieldCryptoError, FieldCryptoErrorCode } from './field-crypto.error';

/** One data-encryption key: its id (travels in every ciphertext) and 32 random bytes. */
export interface DataKey {
  kid: string;
  key: Buffer;
}

/** What every value this ring wrote starts with; a value without it is plaintext from before. */
export const CIPHERTEXT_PREFIX = 'enc:v1:';
export const KEY_ID_PATTERN = /^[A-Za-z0-9_-]{1,32}$/;
export const KEY_BYTES = 32;
export const BLIND_INDEX_MIN_KEY_BYTES = 32;
const IV_BYTES = 12;
const TAG_BYTES = 16;
const ALGORITHM = 'aes-256-gcm';

function b64url(buffer: Buffer): string {
  return buffer.toString('base64url');
}

function fromB64url(text: string): Buffer | null {
  if (!/^[A-Za-z0-9_-]*$/.test(text)) return null;
  return Buffer.from(text, 'base64url');
}

/** The associated data of a value: the format version, the key id and where it is stored (`messages.text`). */
function associatedData(kid: string, context: string): Buffer {
  return Buffer.from(`v1\0${kid}\0${context}`, 'utf8');
}

/**
 * Application-level encryption of single values (ADR 0015): AES-256-GCM with a random
 * 96-bit IV per value and the place it is stored (`table.column`) as associated data, so
 * a ciphertext copied into another column fails to decrypt. The first key encrypts; every
 * key decrypts, found by the key id written into the value:
 *
 *     enc:v1:<kid>:<iv, base64url>:<ciphertext and 16-byte tag, base64url>
 *
 * A value that does not start with `enc:v1:` is plaintext written before encryption was
 * switched on and is returned as it is (`keys rotate` encrypts those rows).
 *
 * The blind index is an HMAC-SHA256 under a separate key of a normalised value, for
 * look-ups by equality (e-mail, phone, channel address) without storing the value in clear.
 */
export class FieldKeyRing {
  private readonly byKid: ReadonlyMap<string, Buffer>;
  private readonly current: DataKey;

  constructor(
    keys: readonly DataKey[],
    private readonly blindIndexKey: Buffer,
  ) {
    if (keys.length === 0) throw new FieldCryptoError(FieldCryptoErrorCode.InvalidKey, 'at least one data-encryption key is needed');
    const byKid = new Map<string, Buffer>();
    for (const { kid, key } of keys) {
      if (!KEY_ID_PATTERN.test(kid)) throw new FieldCryptoError(FieldCryptoErrorCode.InvalidKey, `key id '${kid}' must be 1–32 of A-Z a-z 0-9 _ -`);
      if (key.length !== KEY_BYTES) throw new FieldCryptoError(FieldCryptoErrorCode.InvalidKey, `key '${kid}' must be ${KEY_BYTES} bytes, not ${key.length}`);
      if (byKid.has(kid)) throw new FieldCryptoError(FieldCryptoErrorCode.InvalidKey, `key id '${kid}' is given twice`);
      byKid.set(kid, Buffer.from(key));
    }
    if (blindIndexKey.length < BLIND_INDEX_MIN_KEY_BYTES) {
      throw new FieldCryptoError(FieldCryptoErrorCode.InvalidKey, `the blind-index key must be at least ${BLIND_INDEX_MIN_KEY_BYTES} bytes`);
    }
    this.byKid = byKid;
    this.current = { kid: keys[0]!.kid, key: byKid.get(keys[0]!.kid)! };
    this.blindIndexKey = Buffer.from(blindIndexKey);
  }

  /** The id of the key new values are encrypted with. */
  get currentKid(): string {
    return this.current.kid;
  }

  /** Every key id this ring can decrypt. */
  get kids(): string[] {
    return [...this.byKid.keys()];
  }

  /** Encrypts `plaintext` for the place `context` (`table.column`) with the current key. */
  encrypt(plaintext: string, context: string): string {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv(ALGORITHM, this.current.key, iv, { authTagLength: TAG_BYTES });
    cipher.setAAD(associatedData(this.current.kid, context));
    const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final(), cipher.getAuthTag()]);
    return `${CIPHERTEXT_PREFIX}${this.current.kid}:${b64url(iv)}:${b64url(body)}`;
  }

  /**
   * The plaintext of a value this ring (or one sharing a key) wrote for `context`; a value
   * that is not a ciphertext is returned unchanged. Throws FieldCryptoError when the key is
   * unknown or the value, its tag or its context do not authenticate.
   */
  decrypt(value: string, context: string): string {
    if (!isCiphertext(value)) return value;
    const parts = value.slice(CIPHERTEXT_PREFIX.length).split(':');
    if (parts.length !== 3) throw new FieldCryptoError(FieldCryptoErrorCode.Malformed, `a ciphertext in ${context} is malformed`);
    const [kid, ivText, bodyText] = parts as [string, string, string];
    const key = this.byKid.get(kid);
    if (!key) throw new FieldCryptoError(FieldCryptoErrorCode.UnknownKey, `a value in ${context} was encrypted with key '${kid}', which DATA_ENCRYPTION_KEYS does not hold`);
    const iv = fromB64url(ivText);
    const body = fromB64url(bodyText);
    if (!iv || iv.length !== IV_BYTES || !body || body.length < TAG_BYTES) {
      throw new FieldCryptoError(FieldCryptoErrorCode.Malformed, `a ciphertext in ${context} is malformed`);
    }
    const decipher = createDecipheriv(ALGORITHM, key, iv, { authTagLength: TAG_BYTES });
    decipher.setAAD(associatedData(kid, context));
    decipher.setAuthTag(body.subarray(body.length - TAG_BYTES));
    try {
      return Buffer.concat([decipher.update(body.subarray(0, body.length - TAG_BYTES)), decipher.final()]).toString('utf8');
    } catch {
      throw new FieldCryptoError(FieldCryptoErrorCode.Tampered, `a value in ${context} does not authenticate: it was changed, moved from another column, or the key '${kid}' is not the one that wrote it`);
    }
  }

  /** True when the value is plaintext or under another key than the current one: `keys rotate` re-encrypts it. */
  needsReencryption(value: string): boolean {
    return keyIdOf(value) !== this.current.kid;
  }

  /**
   * A keyed blind index of an already normalised value: HMAC-SHA256 over the scope (for
   * example the tenant and the kind of value) and the value, base64url. Equal inputs give
   * equal indexes; without the key nobody can compute or test one.
   */
  blindIndex(scope: string, value: string): string {
    return createHmac('sha256', this.blindIndexKey).update(`${scope}\0${value}`, 'utf8').digest('base64url');
  }
}

/** True when the value is in this format (`enc:v1:…`). */
export function isCiphertext(value: string): boolean {
  return value.startsWith(CIPHERTEXT_PREFIX);
}

/** The key id of a ciphertext, or null for plaintext. */
export function keyIdOf(value: string): string | null {
  if (!isCiphertext(value)) return null;
  const end = value.indexOf(':', CIPHERTEXT_PREFIX.length);
  return end < 0 ? null : value.slice(CIPHERTEXT_PREFIX.length, end);
}
