import type { z } from 'zod';
import { checkModelEndpoint, modelEnv } from '@pegamento/ai-responder-data-access-model';
import { checkKafkaSecurity, standaloneSchema } from '@pegamento/util-config';

/**
 * The one-process mode of `npm start`: every variable is optional. Without
 * DATABASE_URL it starts an embedded PostgreSQL under DATA_DIR; without
 * KAFKA_BROKERS it uses the in-process bus; without JWT_SECRET it keeps a generated
 * one under DATA_DIR; without OPENAI_API_KEY it answers from the knowledge base alone.
 * A model endpoint outside the EU allow-list is refused unless MODEL_ALLOW_NON_EU=true (R21);
 * the Kafka TLS/SASL variables are cross-checked (checkKafkaSecurity).
 */
export const standaloneConfigSchema = standaloneSchema.extend(modelEnv).superRefine(checkModelEndpoint).superRefine(checkKafkaSecurity);
export type StandaloneConfig = z.infer<typeof standaloneConfigSchema>;
