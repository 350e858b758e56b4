import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { z } from 'zod';
import { embeddedConnectionFile } from '@pegamento/util-db';
import { databaseEnv, loadConfig, optionalEncryptionEnv } from '@pegamento/util-config';
import { FieldCryptoError, FieldCryptoErrorCode, resolveFieldKeyRing, type FieldKeyRing } from '@pegamento/util-crypto';

/**
 * The admin CLI's environment: where the database is, and (for `keys`) the encryption keys.
 * It needs no Kafka: replays go through the outbox, which the running services' relays publish.
 */
export const adminCliConfigSchema = z.object({
  DATABASE_URL: databaseEnv.DATABASE_URL,
  DATA_DIR: databaseEnv.DATA_DIR,
  ...optionalEncryptionEnv,
});
export type AdminCliConfig = z.infer<typeof adminCliConfigSchema>;

export function loadAdminCliConfig(env: NodeJS.ProcessEnv = process.env): AdminCliConfig {
  return loadConfig(adminCliConfigSchema, env);
}

/** No database to work on: neither DATABASE_URL nor a running embedded PostgreSQL. */
export class DatabaseNotFoundError extends Error {
  override readonly name = 'DatabaseNotFoundError';
}

export const START_HINT = 'start the platform (npm start) or set DATABASE_URL';

export interface ResolvedDatabase {
  url: string;
  /** Where the URL came from, for error messages. */
  source: 'DATABASE_URL' | 'embedded';
  /** DATA_DIR (absolute) when the URL is the embedded server's. */
  dataDir?: string;
}

/**
 * DATABASE_URL when set; otherwise the embedded PostgreSQL that a running standalone
 * process (`npm start`) started under DATA_DIR and announced in its connection file
 * (`{ url: null }` once it stopped).
 */
export async function resolveDatabase(config: AdminCliConfig): Promise<ResolvedDatabase> {
  if (config.DATABASE_URL) return { url: config.DATABASE_URL, source: 'DATABASE_URL' };
  const dataDir = resolve(config.DATA_DIR);
  const file = embeddedConnectionFile(dataDir);
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
      throw new DatabaseNotFoundError(
        `No database: DATABASE_URL is not set and no embedded PostgreSQL has been started under ${dataDir}; ${START_HINT}.`,
      );
    }
    throw new DatabaseNotFoundError(`Cannot read ${file}: ${(error as Error).message}`);
  }
  let url: unknown;
  try {
    url = (JSON.parse(text) as { url?: unknown } | null)?.url;
  } catch {
    throw new DatabaseNotFoundError(`${file} is not valid JSON; ${START_HINT}.`);
  }
  if (typeof url !== 'string' || url === '') {
    throw new DatabaseNotFoundError(
      `No database: DATABASE_URL is not set and the embedded PostgreSQL under ${dataDir} is not running; ${START_HINT}.`,
    );
  }
  return { url, source: 'embedded', dataDir };
}

/**
 * The keys of the encrypted columns: DATA_ENCRYPTION_KEYS and BLIND_INDEX_KEY when set (as
 * the services have them), else the ones `npm start` generated under DATA_DIR/secrets. The
 * CLI never generates keys: data encrypted with a key nobody else has would be lost.
 */
export function resolveAdminKeyRing(config: AdminCliConfig): FieldKeyRing {
  try {
    return resolveFieldKeyRing(config, config.DATA_DIR, { create: false });
  } catch (error) {
    if (error instanceof FieldCryptoError && error.code === FieldCryptoErrorCode.KeysNotSet) {
      throw new FieldCryptoError(error.code, `${error.message}: set DATA_ENCRYPTION_KEYS and BLIND_INDEX_KEY as the services have them, or DATA_DIR to the data directory of npm start`);
    }
    throw error;
  }
}
