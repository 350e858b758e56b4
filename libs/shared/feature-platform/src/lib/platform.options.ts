import type { PlatformConfig } from '@pegamento/util-config';
import type { DatabaseModuleParts } from '@pegamento/util-db';

export interface PlatformOptions extends DatabaseModuleParts {
  /** `gateway-web`, `policy`, …, or `standalone`. Names the service in logs, metrics and the database. */
  serviceName: string;
  config: PlatformConfig;
  /** The resolved database: DATABASE_URL, or the embedded server the standalone process started. */
  databaseUrl: string;
}

export const PLATFORM_OPTIONS = Symbol('PLATFORM_OPTIONS');
