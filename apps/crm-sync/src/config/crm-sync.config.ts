import { authEnv, crmEnv, distributedSchema, encryptionEnv } from '@pegamento/util-config';

/** crm-sync's environment, validated at boot (every bad variable listed at once). */
export const crmSyncConfigSchema = distributedSchema({
  // The customer-context route is for logged-in agents.
  ...authEnv,
  // Transcripts and contacts are read from the encrypted columns (ADR 0015).
  ...encryptionEnv,
  ...crmEnv,
});
export type CrmSyncConfig = ReturnType<typeof crmSyncConfigSchema.parse>;
