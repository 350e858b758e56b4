import { authEnv, distributedSchema, encryptionEnv, privacyEnv } from '@pegamento/util-config';

/** policy's environment, validated at boot (every bad variable listed at once). */
export const policyConfigSchema = distributedSchema({ ...authEnv, ...privacyEnv, ...encryptionEnv });
export type PolicyConfig = ReturnType<typeof policyConfigSchema.parse>;
