import { randomBytes } from 'node:crypto';
import { existsSync, linkSync, mkdirSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { FieldCryptoError, FieldCryptoErrorCode } from './field-crypto.error';
import { FieldKeyRing, type DataKey } from './field-key-ring';
import { newBlindIndexKey, newDataKeyEntry, parseBlindIndexKey, parseDataEncryptionKeys } from './key-config';

/** The keys as configured; either may be missing in the standalone process. */
export interface FieldKeySettings {
  DATA_ENCRYPTION_KEYS?: DataKey[] | undefined;
  BLIND_INDEX_KEY?: Buffer | undefined;
}

export const DATA_ENCRYPTION_KEYS_FILE = 'data-encryption-keys';
export const BLIND_INDEX_KEY_FILE = 'blind-index-key';

/** Where the standalone process keeps the keys it generated: `$DATA_DIR/secrets/…`. */
export function keyFilePath(dataDir: string, name: string): string {
  return join(resolve(dataDir), 'secrets', name);
}

/**
 * Reads a key file, or creates it with `generate()` when it does not exist yet: written to a
 * temporary file (mode 0600) and linked into place, so two processes starting at once end
 * up with the same key and nobody reads a half-written file.
 */
function readOrCreate(file: string, generate: () => string): string {
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  mkdirSync(join(file, '..'), { recursive: true, mode: 0o700 });
  const temporary = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  writeFileSync(temporary, `${generate()}\n`, { mode: 0o600, flag: 'wx' });
  try {
    linkSync(temporary, file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  } finally {
    unlinkSync(temporary);
  }
  return readFileSync(file, 'utf8').trim();
}

function readKeyFile<T>(file: string, parse: (text: string) => T, variable: string): T {
  try {
    return parse(readFileSync(file, 'utf8').trim());
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
      throw new FieldCryptoError(FieldCryptoErrorCode.KeysNotSet, `${variable} is not set and ${file} does not exist`);
    }
    if (error instanceof FieldCryptoError) throw new FieldCryptoError(error.code, `${file}: ${error.message}`);
    throw error;
  }
}

/**
 * The key ring of a process: DATA_ENCRYPTION_KEYS and BLIND_INDEX_KEY when set (a
 * distributed service must set both). Without them, and with a data directory (the
 * standalone process), each missing one is read from `$DATA_DIR/secrets/`, and generated
 * there on the first start when `create` (the standalone process) — so `npm start` encrypts
 * from the first message on, and keeps its keys across restarts. The admin CLI reads them
 * but never creates them.
 */
export function resolveFieldKeyRing(settings: FieldKeySettings, dataDir: string | null, options: { create: boolean } = { create: true }): FieldKeyRing {
  const missing = [!settings.DATA_ENCRYPTION_KEYS && 'DATA_ENCRYPTION_KEYS', !settings.BLIND_INDEX_KEY && 'BLIND_INDEX_KEY'].filter(Boolean);
  if (missing.length > 0 && !dataDir) throw new FieldCryptoError(FieldCryptoErrorCode.KeysNotSet, `${missing.join(' and ')} must be set`);
  const keysFile = keyFilePath(dataDir ?? '.', DATA_ENCRYPTION_KEYS_FILE);
  const blindFile = keyFilePath(dataDir ?? '.', BLIND_INDEX_KEY_FILE);
  const keys =
    settings.DATA_ENCRYPTION_KEYS ??
    (options.create
      ? parseDataEncryptionKeys(readOrCreate(keysFile, () => newDataKeyEntry()))
      : readKeyFile(keysFile, parseDataEncryptionKeys, 'DATA_ENCRYPTION_KEYS'));
  const blind =
    settings.BLIND_INDEX_KEY ??
    (options.create ? parseBlindIndexKey(readOrCreate(blindFile, newBlindIndexKey)) : readKeyFile(blindFile, parseBlindIndexKey, 'BLIND_INDEX_KEY'));
  return new FieldKeyRing(keys, blind);
}
