import { distributedPlatformSchema } from '@pegamento/util-config';

/** handoff's environment, validated at boot (every bad variable listed at once). */
export const handoffConfigSchema = distributedPlatformSchema;
export type HandoffConfig = ReturnType<typeof handoffConfigSchema.parse>;
