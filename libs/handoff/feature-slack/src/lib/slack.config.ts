import type { z } from 'zod';
import { ConfigError, type PlatformConfig, type slackEnv } from '@pegamento/util-config';

/** What the Slack app reads of its app's validated config: util-config's slackEnv plus tenancy. */
export type SlackFeatureConfig = Pick<PlatformConfig, 'DEFAULT_TENANT_ID'> & z.infer<z.ZodObject<typeof slackEnv>>;

/** The config, resolved once. */
export interface SlackSettings {
  /** SLACK_SIGNING_SECRET, SLACK_BOT_TOKEN and SLACK_AGENT_CHANNEL are set. */
  enabled: boolean;
  signingSecret: string;
  botToken: string;
  channelId: string;
  /** With a trailing slash, as the Web API client expects. */
  apiUrl: string;
  /** The tenant whose handoffs go to the channel and whose agents act from Slack (ADR 0017). */
  tenantId: string;
  bodyLimitBytes: number;
  send: {
    maxAttempts: number;
    timeoutMs: number;
    retryBaseMs: number;
    retryMaxMs: number;
    pollIntervalMs: number;
    /** How long a claimed post may stay `sending` before it is tried again (a crashed worker). */
    leaseMs: number;
  };
  eventDedupeHours: number;
  queueListMax: number;
}

export const SLACK_SETTINGS = Symbol('SLACK_SETTINGS');

export const SLACK_EVENTS_PATH = '/slack/events';

/** All three of SLACK_SIGNING_SECRET, SLACK_BOT_TOKEN, SLACK_AGENT_CHANNEL, or none: half a Slack app fails at boot. */
export function resolveSlackSettings(config: SlackFeatureConfig): SlackSettings {
  const names = ['SLACK_SIGNING_SECRET', 'SLACK_BOT_TOKEN', 'SLACK_AGENT_CHANNEL'] as const;
  const set = names.filter((n) => config[n]);
  if (set.length > 0 && set.length < names.length) {
    throw new ConfigError(names.filter((n) => !config[n]).map((n) => `${n}: required with ${set.join(', ')} (the Slack app needs all three)`));
  }
  return {
    enabled: set.length === names.length,
    signingSecret: config.SLACK_SIGNING_SECRET ?? '',
    botToken: config.SLACK_BOT_TOKEN ?? '',
    channelId: config.SLACK_AGENT_CHANNEL ?? '',
    apiUrl: config.SLACK_API_URL.endsWith('/') ? config.SLACK_API_URL : `${config.SLACK_API_URL}/`,
    tenantId: config.DEFAULT_TENANT_ID,
    bodyLimitBytes: config.SLACK_BODY_LIMIT_BYTES,
    send: {
      maxAttempts: config.SLACK_SEND_MAX_ATTEMPTS,
      timeoutMs: config.SLACK_SEND_TIMEOUT_MS,
      retryBaseMs: config.SLACK_SEND_RETRY_BASE_MS,
      retryMaxMs: config.SLACK_SEND_RETRY_MAX_MS,
      pollIntervalMs: config.SLACK_SEND_POLL_INTERVAL_MS,
      leaseMs: config.SLACK_SEND_TIMEOUT_MS + 30_000,
    },
    eventDedupeHours: config.SLACK_EVENT_DEDUPE_HOURS,
    queueListMax: config.SLACK_QUEUE_LIST_MAX,
  };
}
