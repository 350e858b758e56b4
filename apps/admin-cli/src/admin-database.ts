import type { DataSource } from 'typeorm';
import { busEntities, busMigrations } from '@pegamento/data-access-bus';
import { openDatabase, type DatabaseModuleParts } from '@pegamento/util-db';
import { START_HINT, type ResolvedDatabase } from './config/admin-cli.config';

/** The URL without its password, for messages. */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return '(unparsable URL)';
  }
}

function reason(error: unknown): string {
  if (error instanceof AggregateError && error.errors.length > 0) return reason(error.errors[0]);
  if (error instanceof Error) return error.message || (error as NodeJS.ErrnoException).code || error.name;
  return String(error);
}

/**
 * Opens the platform's database with the tables a command works on (the bus tables
 * unless told; their migrations run if the database is new); the caller destroys it.
 * Failures say which database and what to do.
 */
export async function openAdminDatabase(
  database: ResolvedDatabase,
  parts: DatabaseModuleParts = { entities: busEntities, migrations: busMigrations },
): Promise<DataSource> {
  try {
    return await openDatabase({
      url: database.url,
      applicationName: 'pegamento-admin-cli',
      ...parts,
      poolSize: 2,
    });
  } catch (error) {
    const where =
      database.source === 'embedded'
        ? `the embedded PostgreSQL of ${database.dataDir} (${redactUrl(database.url)})`
        : `DATABASE_URL (${redactUrl(database.url)})`;
    const hint = database.source === 'embedded' ? ` Is the platform still running? If not, ${START_HINT}.` : '';
    throw new Error(`Cannot open ${where}: ${reason(error)}.${hint}`, { cause: error });
  }
}
