import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FieldCryptoError } from './field-crypto.error';
import { fieldKeyRing, clearFieldKeyRing, useFieldKeyRing } from './field-key-registry';
import { newBlindIndexKey, newDataKeyEntry, parseBlindIndexKey, parseDataEncryptionKeys } from './key-config';
import { BLIND_INDEX_KEY_FILE, DATA_ENCRYPTION_KEYS_FILE, keyFilePath, resolveFieldKeyRing } from './key-files';
import { testFieldKeyRing, testKey } from '../testing';

describe('key configuration', () => {
  it('reads DATA_ENCRYPTION_KEYS as kid:base64 entries, the first one encrypting', () => {
    const a = testKey('a').toString('base64');
    const b = testKey('b').toString('base64url');
    const keys = parseDataEncryptionKeys(` k2:${a} , k1:${b}`);
    expect(keys.map((k) => k.kid)).toEqual(['k2', 'k1']);
    expect(keys[0]!.key.equals(testKey('a'))).toBe(true);
    expect(keys[1]!.key.equals(testKey('b'))).toBe(true);
  });

  it.each([
    ['', /expected kid:base64key/],
    ['k1', /not kid:base64key/],
    ['k 1:AAAA', /key id/],
    [`k1:${Buffer.alloc(16).toString('base64')}`, /32 bytes/],
    ['k1:not base64!', /not base64/],
    [`k1:${testKey('a').toString('base64')},k1:${testKey('b').toString('base64')}`, /twice/],
  ])('refuses DATA_ENCRYPTION_KEYS %j with a message that does not contain the key', (text, message) => {
    let error: unknown;
    try {
      parseDataEncryptionKeys(text);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(FieldCryptoError);
    expect((error as Error).message).toMatch(message);
    if (text.length > 10) expect((error as Error).message).not.toContain(text.split(':')[1]!.slice(0, 20));
  });

  it('reads BLIND_INDEX_KEY as base64 of at least 32 bytes', () => {
    expect(parseBlindIndexKey(testKey('x').toString('base64')).equals(testKey('x'))).toBe(true);
    expect(() => parseBlindIndexKey(Buffer.alloc(31).toString('base64'))).toThrow(/at least 32 bytes/);
    expect(() => parseBlindIndexKey('%%%')).toThrow(/not base64/);
  });

  it('generates entries that parse back', () => {
    const [key] = parseDataEncryptionKeys(newDataKeyEntry('k2026'));
    expect(key!.kid).toBe('k2026');
    expect(key!.key).toHaveLength(32);
    expect(parseDataEncryptionKeys(newDataKeyEntry())[0]!.kid).toMatch(/^k\d{8}[0-9a-f]{4}$/);
    expect(parseBlindIndexKey(newBlindIndexKey())).toHaveLength(32);
  });
});

describe('resolveFieldKeyRing', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'pegamento-keys-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('uses the configured keys and writes no file', () => {
    const ring = resolveFieldKeyRing({ DATA_ENCRYPTION_KEYS: [{ kid: 'env', key: testKey('env') }], BLIND_INDEX_KEY: testKey('blind') }, dir);
    expect(ring.currentKid).toBe('env');
    expect(() => statSync(keyFilePath(dir, DATA_ENCRYPTION_KEYS_FILE))).toThrow();
  });

  it('requires both keys without a data directory (a distributed service)', () => {
    expect(() => resolveFieldKeyRing({}, null)).toThrow(/DATA_ENCRYPTION_KEYS and BLIND_INDEX_KEY must be set/);
    expect(() => resolveFieldKeyRing({ BLIND_INDEX_KEY: testKey('b') }, null)).toThrow(/^DATA_ENCRYPTION_KEYS must be set/);
  });

  it('generates keys once under DATA_DIR/secrets (mode 0600) and reads the same keys on the next start', () => {
    const first = resolveFieldKeyRing({}, dir);
    const file = keyFilePath(dir, DATA_ENCRYPTION_KEYS_FILE);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(statSync(keyFilePath(dir, BLIND_INDEX_KEY_FILE)).mode & 0o777).toBe(0o600);
    const again = resolveFieldKeyRing({}, dir);
    expect(again.currentKid).toBe(first.currentKid);
    expect(again.decrypt(first.encrypt('hallo', 'messages.text'), 'messages.text')).toBe('hallo');
    expect(again.blindIndex('s', 'v')).toBe(first.blindIndex('s', 'v'));
  });

  it('reads a key file an operator edited (a new key first) and keeps decrypting the old one', () => {
    const old = resolveFieldKeyRing({}, dir);
    const written = old.encrypt('hallo', 'messages.text');
    const file = keyFilePath(dir, DATA_ENCRYPTION_KEYS_FILE);
    writeFileSync(file, `${newDataKeyEntry('k2')},${readFileSync(file, 'utf8').trim()}\n`);
    const ring = resolveFieldKeyRing({}, dir);
    expect(ring.currentKid).toBe('k2');
    expect(ring.decrypt(written, 'messages.text')).toBe('hallo');
  });

  it('never creates keys when told not to (the admin CLI), and says what is missing', () => {
    expect(() => resolveFieldKeyRing({}, dir, { create: false })).toThrow(/DATA_ENCRYPTION_KEYS is not set and .*data-encryption-keys does not exist/);
    resolveFieldKeyRing({}, dir);
    expect(resolveFieldKeyRing({}, dir, { create: false }).kids).toHaveLength(1);
  });
});

describe('the process key ring', () => {
  afterEach(() => clearFieldKeyRing());

  it('fails loudly when an encrypted column is used before the keys are set', () => {
    clearFieldKeyRing();
    expect(() => fieldKeyRing()).toThrow(/no data-encryption keys are set/);
    const ring = testFieldKeyRing();
    useFieldKeyRing(ring);
    expect(fieldKeyRing()).toBe(ring);
  });
});
