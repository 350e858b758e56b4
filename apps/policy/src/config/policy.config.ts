import { authEnv, distributedSchema } from '@pegamento/util-config';

/** policy's environment, validated at boot (every bad variable listed at once). */
export const policyConfigSchema = distributedSchema(authEnv);
export type PolicyConfig = ReturnType<typeof policyConfigSchema.parse>;
