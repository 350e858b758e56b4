import { standaloneSchema } from '@pegamento/util-config';

/**
 * The one-process mode of `npm start`: every variable is optional. Without
 * DATABASE_URL it starts an embedded PostgreSQL under DATA_DIR; without
 * KAFKA_BROKERS it uses the in-process bus; without JWT_SECRET it keeps a generated
 * one under DATA_DIR.
 */
export const standaloneConfigSchema = standaloneSchema;
export type { StandaloneConfig } from '@pegamento/util-config';
