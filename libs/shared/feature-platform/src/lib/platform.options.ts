import type { PlatformConfig } from '@pegamento/util-config';
import type { FieldKeyRing } from '@pegamento/util-crypto';
import type { DatabaseModuleParts } from '@pegamento/util-db';

export interface PlatformOptions extends DatabaseModuleParts {
  /** `gateway-web`, `policy`, …, or `standalone`. Names the service in logs, metrics and the database. */
  serviceName: string;
  config: PlatformConfig;
  /** The resolved database: DATABASE_URL, or the embedded server the standalone process started. */
  databaseUrl: string;
  /**
   * The keys of the encrypted columns and blind indexes (ADR 0015), set as the process's ring
   * before the database is opened. Every service that reads or writes contacts or messages
   * passes one; without it those columns refuse to work.
   */
  fieldKeys?: FieldKeyRing;
}

export const PLATFORM_OPTIONS = Symbol('PLATFORM_OPTIONS');
