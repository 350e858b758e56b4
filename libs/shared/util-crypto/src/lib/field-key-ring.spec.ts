import { FieldCryptoError, FieldCryptoErrorCode } from './field-crypto.error';
import { FieldKeyRing, isCiphertext, keyIdOf } from './field-key-ring';
import { testDataKey, testFieldKeyRing, testKey } from '../testing';

function codeOf(fn: () => unknown): FieldCryptoErrorCode | 'no error' {
  try {
    fn();
    return 'no error';
  } catch (error) {
    if (error instanceof FieldCryptoError) return error.code;
    throw error;
  }
}

/** Replaces one base64url character of `part` (1: IV, 2: body) with another. */
function flip(value: string, part: 1 | 2, at = 5): string {
  const pieces = value.split(':');
  const index = part + 2;
  const s = pieces[index]!;
  const c = s[at] === 'A' ? 'B' : 'A';
  pieces[index] = s.slice(0, at) + c + s.slice(at + 1);
  return pieces.join(':');
}

describe('FieldKeyRing', () => {
  const ring = testFieldKeyRing(['k2', 'k1']);

  it('encrypts into a self-describing value and decrypts it again', () => {
    const text = 'Mijn e-mail is jan@example.test — bel 06-12345678 ✓';
    const encrypted = ring.encrypt(text, 'messages.text');
    expect(encrypted).toMatch(/^enc:v1:k2:[A-Za-z0-9_-]{16}:[A-Za-z0-9_-]+$/);
    expect(encrypted).not.toContain('jan@example.test');
    expect(ring.decrypt(encrypted, 'messages.text')).toBe(text);
    expect(ring.decrypt(ring.encrypt('', 'messages.text'), 'messages.text')).toBe('');
  });

  it('uses a fresh IV for every value, so equal texts give different ciphertexts', () => {
    expect(ring.encrypt('same', 'contacts.email')).not.toBe(ring.encrypt('same', 'contacts.email'));
  });

  it('decrypts with any key of the ring, found by the key id in the value', () => {
    const old = testFieldKeyRing(['k1']);
    const written = old.encrypt('from before the rotation', 'messages.text');
    expect(keyIdOf(written)).toBe('k1');
    expect(ring.decrypt(written, 'messages.text')).toBe('from before the rotation');
    expect(ring.needsReencryption(written)).toBe(true);
    expect(ring.needsReencryption(ring.encrypt('x', 'messages.text'))).toBe(false);
  });

  it('refuses a value whose key id the ring does not hold', () => {
    const other = testFieldKeyRing(['k9']);
    expect(codeOf(() => ring.decrypt(other.encrypt('secret', 'messages.text'), 'messages.text'))).toBe(FieldCryptoErrorCode.UnknownKey);
  });

  it('refuses a value written under the same key id with another key', () => {
    const impostor = new FieldKeyRing([{ kid: 'k2', key: testKey('not-k2') }], testKey('blind'));
    expect(codeOf(() => ring.decrypt(impostor.encrypt('secret', 'messages.text'), 'messages.text'))).toBe(FieldCryptoErrorCode.Tampered);
  });

  it('detects a changed ciphertext, tag or IV', () => {
    const encrypted = ring.encrypt('a message long enough to change a byte in it', 'messages.text');
    const body = encrypted.split(':')[4]!;
    expect(codeOf(() => ring.decrypt(flip(encrypted, 2, 3), 'messages.text'))).toBe(FieldCryptoErrorCode.Tampered);
    expect(codeOf(() => ring.decrypt(flip(encrypted, 2, body.length - 3), 'messages.text'))).toBe(FieldCryptoErrorCode.Tampered);
    expect(codeOf(() => ring.decrypt(flip(encrypted, 1, 2), 'messages.text'))).toBe(FieldCryptoErrorCode.Tampered);
  });

  it('detects a value moved to another column (associated data)', () => {
    const email = ring.encrypt('jan@example.test', 'contacts.email');
    expect(codeOf(() => ring.decrypt(email, 'contacts.phone'))).toBe(FieldCryptoErrorCode.Tampered);
    expect(codeOf(() => ring.decrypt(email, 'messages.text'))).toBe(FieldCryptoErrorCode.Tampered);
  });

  it('reports a cut-off or malformed value as malformed, not as plaintext', () => {
    const encrypted = ring.encrypt('hello', 'messages.text');
    expect(codeOf(() => ring.decrypt(encrypted.split(':').slice(0, 4).join(':'), 'messages.text'))).toBe(FieldCryptoErrorCode.Malformed);
    expect(codeOf(() => ring.decrypt('enc:v1:k2:short:AAAA', 'messages.text'))).toBe(FieldCryptoErrorCode.Malformed);
    expect(codeOf(() => ring.decrypt('enc:v1:k2:!!!!!!!!!!!!!!!!:AAAA', 'messages.text'))).toBe(FieldCryptoErrorCode.Malformed);
  });

  it('returns plaintext written before encryption was switched on as it is', () => {
    expect(isCiphertext('Hallo, ik heb een vraag')).toBe(false);
    expect(ring.decrypt('Hallo, ik heb een vraag', 'messages.text')).toBe('Hallo, ik heb een vraag');
    expect(keyIdOf('plain')).toBeNull();
    expect(ring.needsReencryption('plain')).toBe(true);
  });

  it('computes a stable blind index that depends on the key, the scope and the value', () => {
    const index = ring.blindIndex('default\0email', 'jan@example.test');
    expect(index).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(ring.blindIndex('default\0email', 'jan@example.test')).toBe(index);
    // The data keys do not matter, only the blind-index key.
    expect(testFieldKeyRing(['other']).blindIndex('default\0email', 'jan@example.test')).toBe(index);
    expect(testFieldKeyRing(['k2'], 'another blind key').blindIndex('default\0email', 'jan@example.test')).not.toBe(index);
    expect(ring.blindIndex('acme\0email', 'jan@example.test')).not.toBe(index);
    expect(ring.blindIndex('default\0email', 'piet@example.test')).not.toBe(index);
  });

  it('refuses unusable keys', () => {
    expect(codeOf(() => new FieldKeyRing([], testKey('blind')))).toBe(FieldCryptoErrorCode.InvalidKey);
    expect(codeOf(() => new FieldKeyRing([{ kid: 'k1', key: Buffer.alloc(16) }], testKey('blind')))).toBe(FieldCryptoErrorCode.InvalidKey);
    expect(codeOf(() => new FieldKeyRing([{ kid: 'a:b', key: testKey('x') }], testKey('blind')))).toBe(FieldCryptoErrorCode.InvalidKey);
    expect(codeOf(() => new FieldKeyRing([testDataKey('k1'), testDataKey('k1')], testKey('blind')))).toBe(FieldCryptoErrorCode.InvalidKey);
    expect(codeOf(() => new FieldKeyRing([testDataKey('k1')], Buffer.alloc(16)))).toBe(FieldCryptoErrorCode.InvalidKey);
  });
});
