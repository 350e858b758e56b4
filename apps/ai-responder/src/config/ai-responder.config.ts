import { checkModelEndpoint, modelEnv } from '@pegamento/ai-responder-data-access-model';
import { authEnv, backofficeEnv, distributedSchema, encryptionEnv, knowledgeEnv } from '@pegamento/util-config';

/** ai-responder's environment, validated at boot (every bad variable listed at once); a non-EU model endpoint needs MODEL_ALLOW_NON_EU=true (R21). */
export const aiResponderConfigSchema = distributedSchema({ ...authEnv, ...knowledgeEnv(false), ...modelEnv, ...encryptionEnv, ...backofficeEnv }).superRefine(checkModelEndpoint);
export type AiResponderConfig = ReturnType<typeof aiResponderConfigSchema.parse>;
