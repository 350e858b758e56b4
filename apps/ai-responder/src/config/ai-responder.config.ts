import { distributedPlatformSchema } from '@pegamento/util-config';

/** ai-responder's environment, validated at boot (every bad variable listed at once). */
export const aiResponderConfigSchema = distributedPlatformSchema;
export type AiResponderConfig = ReturnType<typeof aiResponderConfigSchema.parse>;
