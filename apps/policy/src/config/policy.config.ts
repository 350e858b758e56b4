import { distributedPlatformSchema } from '@pegamento/util-config';

/** policy's environment, validated at boot (every bad variable listed at once). */
export const policyConfigSchema = distributedPlatformSchema;
export type PolicyConfig = ReturnType<typeof policyConfigSchema.parse>;
