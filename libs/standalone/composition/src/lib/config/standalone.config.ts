import { platformSchema } from '@pegamento/util-config';

/**
 * The one-process mode of `npm start`: every variable is optional. Without
 * DATABASE_URL it starts an embedded PostgreSQL under DATA_DIR; without
 * KAFKA_BROKERS it uses the in-process bus.
 */
export const standaloneConfigSchema = platformSchema;
export type StandaloneConfig = ReturnType<typeof standaloneConfigSchema.parse>;
