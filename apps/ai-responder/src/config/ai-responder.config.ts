import { modelEnv } from '@pegamento/ai-responder-data-access-model';
import { authEnv, distributedSchema, knowledgeEnv } from '@pegamento/util-config';

/** ai-responder's environment, validated at boot (every bad variable listed at once). */
export const aiResponderConfigSchema = distributedSchema({ ...authEnv, ...knowledgeEnv(false), ...modelEnv });
export type AiResponderConfig = ReturnType<typeof aiResponderConfigSchema.parse>;
