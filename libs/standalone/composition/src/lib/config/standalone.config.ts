import type { z } from 'zod';
import { modelEnv } from '@pegamento/ai-responder-data-access-model';
import { standaloneSchema } from '@pegamento/util-config';

/**
 * The one-process mode of `npm start`: every variable is optional. Without
 * DATABASE_URL it starts an embedded PostgreSQL under DATA_DIR; without
 * KAFKA_BROKERS it uses the in-process bus; without JWT_SECRET it keeps a generated
 * one under DATA_DIR; without OPENAI_API_KEY it answers from the knowledge base alone.
 */
export const standaloneConfigSchema = standaloneSchema.extend(modelEnv);
export type StandaloneConfig = z.infer<typeof standaloneConfigSchema>;
