import { authEnv, distributedSchema, webChatEnv } from '@pegamento/util-config';

/** handoff's environment, validated at boot (every bad variable listed at once). */
export const handoffConfigSchema = distributedSchema({ ...authEnv, ...webChatEnv });
export type HandoffConfig = ReturnType<typeof handoffConfigSchema.parse>;
