import { distributedPlatformSchema } from '@pegamento/util-config';

/** crm-sync's environment, validated at boot (every bad variable listed at once). */
export const crmSyncConfigSchema = distributedPlatformSchema;
export type CrmSyncConfig = ReturnType<typeof crmSyncConfigSchema.parse>;
