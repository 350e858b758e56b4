import type { z } from 'zod';
import { ConfigError, type PlatformConfig, type crmEnv } from '@pegamento/util-config';
import type { CrmAdapterName } from '@pegamento/crm-sync-data-access-crm';

/** What crm-sync reads of its app's validated config: util-config's crmEnv plus tenancy. */
export type CrmSyncConfig = Pick<PlatformConfig, 'DEFAULT_TENANT_ID'> & z.infer<z.ZodObject<typeof crmEnv>>;

/** The config, resolved once: which adapters are on, and the limits. */
export interface CrmSyncSettings {
  hubspot: { accessToken: string; baseUrl: string } | null;
  webhook: { url: string; secret: string } | null;
  backoffice: { baseUrl: string; token: string | null; timeoutMs: number; maxBytes: number } | null;
  /** The adapters a closed conversation goes to. */
  adapters: CrmAdapterName[];
  timeoutMs: number;
  retry: { maxAttempts: number; baseDelayMs: number; maxDelayMs: number };
  pollIntervalMs: number;
  /** How long a claimed sync may take before another worker may try it (a crashed one). */
  leaseMs: number;
  transcriptMaxMessages: number;
}

export const CRM_SYNC_SETTINGS = Symbol('CRM_SYNC_SETTINGS');

/** CRM_WEBHOOK_URL and CRM_WEBHOOK_SECRET come together (a webhook is never sent unsigned); every problem at once. */
export function resolveCrmSyncSettings(config: CrmSyncConfig): CrmSyncSettings {
  const problems: string[] = [];
  if (config.CRM_WEBHOOK_URL && !config.CRM_WEBHOOK_SECRET) problems.push('CRM_WEBHOOK_SECRET: required with CRM_WEBHOOK_URL (every delivery is signed)');
  if (config.CRM_WEBHOOK_SECRET && !config.CRM_WEBHOOK_URL) problems.push('CRM_WEBHOOK_URL: required with CRM_WEBHOOK_SECRET');
  if (config.BACKOFFICE_API_TOKEN && !config.BACKOFFICE_API_URL) problems.push('BACKOFFICE_API_URL: required with BACKOFFICE_API_TOKEN');
  if (problems.length > 0) throw new ConfigError(problems);
  const hubspot = config.HUBSPOT_ACCESS_TOKEN ? { accessToken: config.HUBSPOT_ACCESS_TOKEN, baseUrl: config.HUBSPOT_API_BASE_URL } : null;
  const webhook = config.CRM_WEBHOOK_URL && config.CRM_WEBHOOK_SECRET ? { url: config.CRM_WEBHOOK_URL, secret: config.CRM_WEBHOOK_SECRET } : null;
  return {
    hubspot,
    webhook,
    backoffice: config.BACKOFFICE_API_URL
      ? { baseUrl: config.BACKOFFICE_API_URL, token: config.BACKOFFICE_API_TOKEN ?? null, timeoutMs: config.BACKOFFICE_TIMEOUT_MS, maxBytes: config.BACKOFFICE_RESPONSE_MAX_BYTES }
      : null,
    adapters: [...(hubspot ? (['hubspot'] as const) : []), ...(webhook ? (['webhook'] as const) : [])],
    timeoutMs: config.CRM_SYNC_TIMEOUT_MS,
    retry: { maxAttempts: config.CRM_SYNC_MAX_ATTEMPTS, baseDelayMs: config.CRM_SYNC_RETRY_BASE_MS, maxDelayMs: config.CRM_SYNC_RETRY_MAX_MS },
    pollIntervalMs: config.CRM_SYNC_POLL_INTERVAL_MS,
    // A transcript sync makes up to four calls.
    leaseMs: config.CRM_SYNC_TIMEOUT_MS * 4 + 30_000,
    transcriptMaxMessages: config.CRM_TRANSCRIPT_MAX_MESSAGES,
  };
}
