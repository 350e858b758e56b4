/** The little the bus needs of a logger; pino and Nest's Logger both fit behind it. */
export interface BusLogger {
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
}

export const silentBusLogger: BusLogger = { info: () => undefined, warn: () => undefined, error: () => undefined };
