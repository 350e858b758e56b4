import { z } from 'zod';
import { parseBlindIndexKey, parseDataEncryptionKeys } from '@pegamento/util-crypto';

const int = (min: number, max: number) => z.coerce.number().int().min(min).max(max);
const csv = z
  .string()
  .transform((v) => v.split(',').map((s) => s.trim()).filter(Boolean))
  .pipe(z.array(z.string().regex(/^[^\s:]+:\d+$/, 'expected host:port')).min(1));
const flag = z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1');

/** Variables every Pegamento process reads. */
export const runtimeEnv = {
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: int(0, 65_535).default(3000),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** Longest time a graceful shutdown waits for in-flight work before giving up. */
  SHUTDOWN_TIMEOUT_MS: int(0, 120_000).default(15_000),
  /** Proxies in front of the service whose X-Forwarded-For is trusted (per-IP rate limits); 0 behind none. */
  TRUST_PROXY_HOPS: int(0, 10).default(0),
  /** Largest JSON request body accepted, in bytes. */
  HTTP_BODY_LIMIT_BYTES: int(1_024, 10_485_760).default(262_144),
};

export const databaseEnv = {
  DATABASE_URL: z.url({ protocol: /^postgres(ql)?$/ }).optional(),
  DATA_DIR: z.string().default('./data'),
  DB_POOL_SIZE: int(1, 100).default(10),
  /** Statement timeout of every query, so a stuck query cannot hold a handler forever. */
  DB_STATEMENT_TIMEOUT_MS: int(100, 600_000).default(30_000),
};

export const busEnv = {
  KAFKA_BROKERS: csv.optional(),
  KAFKA_CLIENT_ID: z.string().regex(/^[a-zA-Z0-9._-]+$/).default('pegamento'),
  /** Put in front of every topic and consumer group; lets deployments (and test files) share a cluster. */
  KAFKA_TOPIC_PREFIX: z.string().regex(/^[a-zA-Z0-9._-]*$/).default(''),
  KAFKA_TOPIC_PARTITIONS: int(1, 1_000).default(6),
  KAFKA_REPLICATION_FACTOR: int(1, 7).default(1),
  KAFKA_CONNECTION_TIMEOUT_MS: int(100, 60_000).default(3_000),
  KAFKA_SESSION_TIMEOUT_MS: int(6_000, 300_000).default(30_000),
  /** Tries of one event by one consumer before it goes to the dead letters. */
  BUS_MAX_ATTEMPTS: int(1, 50).default(5),
  BUS_RETRY_BASE_MS: int(1, 60_000).default(200),
  BUS_RETRY_MAX_MS: int(1, 600_000).default(10_000),
  /** Partitions of one topic a consumer works on at once (order stays per conversation). */
  BUS_CONSUMER_CONCURRENCY: int(1, 64).default(3),
  OUTBOX_BATCH_SIZE: int(1, 10_000).default(200),
  OUTBOX_POLL_INTERVAL_MS: int(10, 60_000).default(250),
  /** Keys of sealed event payloads (one per conversation, ADR 0018) kept in memory per process. */
  BUS_EVENT_KEY_CACHE_SIZE: int(1, 1_000_000).default(10_000),
  /** Published outbox rows are kept this long (for diagnosis), then deleted. */
  OUTBOX_RETENTION_MS: int(0, 30 * 24 * 3_600_000).default(3_600_000),
  /**
   * `retention.ms` of every topic: set when a topic is created at boot and brought in line on
   * existing topics (logged). Events' payloads are sealed per conversation and an erasure
   * deletes the key (ADR 0018); the envelopes (ids, types, times) stay until this runs out.
   */
  KAFKA_TOPIC_RETENTION_MS: int(60_000, 365 * 24 * 3_600_000).default(7 * 24 * 3_600_000),
  /** TLS to the brokers (R22). */
  KAFKA_SSL: flag.default(false),
  /** PEM file with the CA certificate(s) of the brokers; Node's built-in CAs when unset. */
  KAFKA_SSL_CA_FILE: z.string().optional(),
  /** Verify the brokers' certificates and host names; false only for a test broker. */
  KAFKA_SSL_REJECT_UNAUTHORIZED: flag.default(true),
  /** SASL authentication; needs KAFKA_SASL_USERNAME and KAFKA_SASL_PASSWORD, and TLS. */
  KAFKA_SASL_MECHANISM: z.enum(['plain', 'scram-sha-256', 'scram-sha-512']).optional(),
  KAFKA_SASL_USERNAME: z.string().optional(),
  /** From a secret only; never logged. */
  KAFKA_SASL_PASSWORD: z.string().optional(),
  /** Accept SASL without TLS (the credentials then cross the network readable for PLAIN). */
  KAFKA_SASL_ALLOW_PLAINTEXT: flag.default(false),
};

type KafkaSecurityEnv = {
  KAFKA_SSL: boolean;
  KAFKA_SSL_CA_FILE?: string | undefined;
  KAFKA_SSL_REJECT_UNAUTHORIZED: boolean;
  KAFKA_SASL_MECHANISM?: 'plain' | 'scram-sha-256' | 'scram-sha-512' | undefined;
  KAFKA_SASL_USERNAME?: string | undefined;
  KAFKA_SASL_PASSWORD?: string | undefined;
  KAFKA_SASL_ALLOW_PLAINTEXT: boolean;
};

/** What is wrong with the Kafka TLS/SASL variables taken together; empty when nothing is. */
export function kafkaSecurityProblems(env: KafkaSecurityEnv): { path: keyof KafkaSecurityEnv; message: string }[] {
  const problems: { path: keyof KafkaSecurityEnv; message: string }[] = [];
  if (!env.KAFKA_SSL && env.KAFKA_SSL_CA_FILE) problems.push({ path: 'KAFKA_SSL_CA_FILE', message: 'set, but KAFKA_SSL is not true: set KAFKA_SSL=true to use TLS' });
  if (!env.KAFKA_SSL && !env.KAFKA_SSL_REJECT_UNAUTHORIZED) {
    problems.push({ path: 'KAFKA_SSL_REJECT_UNAUTHORIZED', message: 'false has no meaning without KAFKA_SSL=true' });
  }
  if (env.KAFKA_SASL_MECHANISM) {
    if (!env.KAFKA_SASL_USERNAME) problems.push({ path: 'KAFKA_SASL_USERNAME', message: `required with KAFKA_SASL_MECHANISM=${env.KAFKA_SASL_MECHANISM}` });
    if (!env.KAFKA_SASL_PASSWORD) problems.push({ path: 'KAFKA_SASL_PASSWORD', message: `required with KAFKA_SASL_MECHANISM=${env.KAFKA_SASL_MECHANISM}` });
    if (!env.KAFKA_SSL && !env.KAFKA_SASL_ALLOW_PLAINTEXT) {
      problems.push({
        path: 'KAFKA_SASL_MECHANISM',
        message: 'SASL without TLS sends the credentials (and every event) readable over the network: set KAFKA_SSL=true, or KAFKA_SASL_ALLOW_PLAINTEXT=true to accept that',
      });
    }
  } else if (env.KAFKA_SASL_USERNAME || env.KAFKA_SASL_PASSWORD) {
    problems.push({ path: 'KAFKA_SASL_MECHANISM', message: 'required when KAFKA_SASL_USERNAME or KAFKA_SASL_PASSWORD is set (plain, scram-sha-256 or scram-sha-512)' });
  }
  return problems;
}

/** Cross-checks the Kafka TLS/SASL variables; in every schema that merges {@link busEnv}: `.superRefine(checkKafkaSecurity)`. */
export function checkKafkaSecurity(env: KafkaSecurityEnv, ctx: z.RefinementCtx): void {
  for (const problem of kafkaSecurityProblems(env)) ctx.addIssue({ code: 'custom', path: [problem.path], message: problem.message });
}

export const tenancyEnv = {
  /** Tenant of web conversations that do not name one, and of the SEED_* users. */
  DEFAULT_TENANT_ID: z.string().regex(/^[a-z0-9][a-z0-9-]{0,63}$/).default('default'),
  DEFAULT_LOCALE: z.string().regex(/^[a-z]{2,3}$/).default('nl'),
};

const password = z.string().min(10, 'at least 10 characters');
export const authEnv = {
  /** HS256 secret of agents' access tokens; the standalone process generates one under DATA_DIR when unset. */
  JWT_SECRET: z.string().min(32, 'at least 32 characters').optional(),
  /** Earlier JWT_SECRETs (comma-separated) that still verify the tokens they signed: rotate without logging everyone out. */
  JWT_PREVIOUS_SECRETS: z
    .string()
    .transform((v) => v.split(',').map((s) => s.trim()).filter(Boolean))
    .pipe(z.array(z.string().min(32, 'each at least 32 characters')))
    .default([]),
  /** Life of an access token; the console renews it (POST /api/v1/auth/refresh) while the agent works. */
  JWT_TTL_SECONDS: int(60, 7 * 24 * 3_600).default(15 * 60),
  /** Longest a console session may be renewed after the password was given; then the agent logs in again. */
  JWT_MAX_SESSION_SECONDS: int(300, 30 * 24 * 3_600).default(12 * 3_600),
  /** Failed logins in a row before an account is locked for LOGIN_LOCKOUT_MS. */
  LOGIN_MAX_FAILURES: int(1, 100).default(5),
  LOGIN_LOCKOUT_MS: int(1_000, 24 * 3_600_000).default(15 * 60_000),
  LOGIN_RATE_LIMIT_PER_MINUTE: int(1, 10_000).default(20),
  SEED_AGENT_EMAIL: z.email().optional(),
  SEED_AGENT_PASSWORD: password.optional(),
  SEED_ADMIN_EMAIL: z.email().optional(),
  SEED_ADMIN_PASSWORD: password.optional(),
};

export const webChatEnv = {
  WEB_MESSAGE_MAX_CHARS: int(1, 100_000).default(4_000),
  WEB_RATE_LIMIT_CONVERSATION_PER_MINUTE: int(1, 10_000).default(20),
  WEB_RATE_LIMIT_IP_PER_MINUTE: int(1, 100_000).default(120),
  WEB_CONVERSATIONS_PER_IP_PER_HOUR: int(1, 100_000).default(30),
  /** How long the web chat remembers the tenant's allowed widget origins (CORS) before reading them again. */
  WEB_ORIGINS_CACHE_MS: int(0, 600_000).default(10_000),
  /** Cache-Control max-age of /widget.js (with an ETag, so a new build reaches browsers within this time). */
  WIDGET_CACHE_MAX_AGE_SECONDS: int(0, 86_400).default(300),
  PUBLIC_BASE_URL: z.url().optional(),
};

/** Retention (R19): how long personal data is kept, and the job that erases what is older. */
export const privacyEnv = {
  /** Days a conversation is kept after its last activity, unless the tenant set its own retentionDays. */
  RETENTION_DAYS: int(1, 3_650).default(365),
  /** How often the retention job runs (one replica at a time); 0: only when an admin runs it. */
  RETENTION_INTERVAL_MS: int(0, 7 * 24 * 3_600_000).default(3_600_000),
  /** Conversations erased per transaction. */
  RETENTION_BATCH_SIZE: int(1, 10_000).default(200),
};

const parsedKey = <T>(parse: (text: string) => T, what: string) =>
  z
    .string({ error: (issue) => (issue.input === undefined ? `required for a distributed service (${what})` : undefined) })
    .transform((text, ctx) => {
      try {
        return parse(text);
      } catch (error) {
        ctx.addIssue({ code: 'custom', message: `${error instanceof Error ? error.message : String(error)} (${what})` });
        return z.NEVER;
      }
    });
const dataEncryptionKeys = parsedKey(parseDataEncryptionKeys, 'kid:base64key[,kid:base64key…], 32-byte keys');
const blindIndexKey = parsedKey(parseBlindIndexKey, 'base64, at least 32 bytes');

/**
 * Application-level encryption at rest (ADR 0015). DATA_ENCRYPTION_KEYS: comma-separated
 * `kid:base64key` (32-byte keys); the first encrypts, all decrypt (rotation: add a new key
 * first, then `npm run keys -- rotate`). BLIND_INDEX_KEY: base64, at least 32 bytes; keys the
 * look-up indexes of e-mail addresses and phone numbers. Required by every distributed
 * service that reads or writes contacts or messages.
 */
export const encryptionEnv = { DATA_ENCRYPTION_KEYS: dataEncryptionKeys, BLIND_INDEX_KEY: blindIndexKey };

/** The same, optional: the standalone process generates both under DATA_DIR/secrets, the admin CLI reads them there. */
export const optionalEncryptionEnv = { DATA_ENCRYPTION_KEYS: dataEncryptionKeys.optional(), BLIND_INDEX_KEY: blindIndexKey.optional() };

/** Where the bundled browser code (widget, console) lies: `npm run build` writes dist/ui. */
export const uiEnv = {
  UI_DIR: z.string().default('dist/ui'),
};

/** One approved WhatsApp template: its Twilio Content SID (HX…) and its text ({{1}}, {{2}} are filled in). */
export const whatsappTemplateSchema = z
  .object({
    contentSid: z.string().regex(/^HX[0-9a-fA-F]{32}$/, 'a Twilio Content SID (HX + 32 hex)').optional(),
    text: z.string().min(1).max(1_600),
  })
  .strict();
export type WhatsappTemplate = z.infer<typeof whatsappTemplateSchema>;

/** WHATSAPP_TEMPLATES: a JSON object of approved template names → {contentSid?, text}. */
export const whatsappTemplatesSchema = z
  .string()
  .transform((raw, ctx) => {
    try {
      return JSON.parse(raw) as unknown;
    } catch {
      ctx.addIssue({ code: 'custom', message: 'expected JSON: {"<name>": {"contentSid": "HX…", "text": "…"}}' });
      return z.NEVER;
    }
  })
  .pipe(z.record(z.string().regex(/^[a-z0-9_]{1,64}$/, 'template names are a-z, 0-9 and _'), whatsappTemplateSchema));
export type WhatsappTemplates = Record<string, WhatsappTemplate>;

const e164 = z.string().regex(/^\+[1-9]\d{6,14}$/, 'a phone number in E.164, e.g. +3197010203040');

/**
 * SMS and WhatsApp through Twilio (gateway-messaging). Without TWILIO_ACCOUNT_SID and
 * TWILIO_AUTH_TOKEN the channel is off; a sub-channel is on when its sender is set.
 */
export const twilioEnv = {
  TWILIO_ACCOUNT_SID: z.string().regex(/^AC[0-9a-fA-F]{32}$/, 'an Account SID (AC + 32 hex)').optional(),
  TWILIO_AUTH_TOKEN: z.string().min(16, 'at least 16 characters').optional(),
  TWILIO_SMS_FROM: e164.optional(),
  /** `+3197…` or `whatsapp:+3197…`; replies go from `whatsapp:<number>`. */
  TWILIO_WHATSAPP_FROM: z
    .string()
    .transform((v) => v.replace(/^whatsapp:/, ''))
    .pipe(e164)
    .optional(),
  TWILIO_API_BASE_URL: z.url({ protocol: /^https?$/ }).default('https://api.twilio.com'),
  /** The URL Twilio signs against (default http://localhost:$PORT); behind a proxy, the public one. */
  PUBLIC_BASE_URL: z.url().optional(),
  /** Tries of one send to Twilio (429, 5xx, network) before the message is marked failed. */
  TWILIO_SEND_MAX_ATTEMPTS: int(1, 20).default(5),
  /** Deadline of one call to Twilio's API. */
  TWILIO_SEND_TIMEOUT_MS: int(100, 120_000).default(10_000),
  /** Back-off between tries: base doubles per try; a Retry-After header is honoured up to the max. */
  TWILIO_SEND_RETRY_BASE_MS: int(1, 60_000).default(500),
  TWILIO_SEND_RETRY_MAX_MS: int(1, 3_600_000).default(60_000),
  /** How often the send queue looks for due messages. */
  TWILIO_SEND_POLL_INTERVAL_MS: int(10, 60_000).default(200),
  /** Messages sent to Twilio at once (each conversation stays in order). */
  TWILIO_SEND_CONCURRENCY: int(1, 64).default(4),
  /**
   * Deleting an erased conversation's messages from Twilio (R20): tries (429, 5xx, no answer,
   * and 20009 "not complete yet") before the deletion is marked failed, and their back-off
   * (Twilio asks to wait at least a minute after a message's last status before deleting it).
   */
  TWILIO_DELETE_MAX_ATTEMPTS: int(1, 100).default(25),
  TWILIO_DELETE_RETRY_BASE_MS: int(1, 3_600_000).default(60_000),
  TWILIO_DELETE_RETRY_MAX_MS: int(1, 86_400_000).default(86_400_000),
  /** Deadline of asking Twilio how large a customer's photo or file is (its size is not in the webhook). */
  TWILIO_MEDIA_PROBE_TIMEOUT_MS: int(100, 60_000).default(5_000),
  /** Largest webhook form body accepted (413 above it). */
  TWILIO_WEBHOOK_BODY_LIMIT_BYTES: int(1_024, 1_048_576).default(65_536),
  /** Longest SMS, in segments; a longer text is split at sentence ends into several SMS. */
  TWILIO_SMS_MAX_SEGMENTS: int(1, 10).default(10),
  /** WhatsApp's customer-service window: free text only this long after the customer's last message. */
  WHATSAPP_WINDOW_HOURS: int(1, 24).default(24),
  /** Approved templates (JSON, see whatsappTemplatesSchema); the only thing sent outside the window. */
  WHATSAPP_TEMPLATES: whatsappTemplatesSchema.optional(),
};

/** The e-mail channel (gateway-email): unset SUPPORT_EMAIL = e-mail off (contract.md). */
export const emailEnv = {
  /** Port of the inbound SMTP listener; unset = no listener (the webhook may still be used). */
  SMTP_INBOUND_PORT: int(1, 65_535).optional(),
  /** The support address: inbound mail for it is accepted, replies come from it. */
  SUPPORT_EMAIL: z.email('an e-mail address').optional(),
  /** The outbound relay, `smtp://user:pass@host:port` (smtps:// for TLS from the start). */
  SMTP_OUTBOUND_URL: z.url({ protocol: /^smtps?$/ }).optional(),
  /** Bearer token of POST /webhooks/email/inbound; unset = that webhook answers 503. */
  EMAIL_WEBHOOK_TOKEN: z.string().min(16, 'at least 16 characters').optional(),
  /** Largest inbound mail, raw (webhook: 413 above it; SMTP: refused with 552). */
  EMAIL_MAX_BYTES: int(1_024, 52_428_800).default(10_485_760),
  /** Automatic (AI and notice) replies to one sender address per window; above it, only people answer (R33). */
  EMAIL_AUTO_REPLY_LIMIT: int(1, 1_000).default(5),
  EMAIL_AUTO_REPLY_WINDOW_MINUTES: int(1, 10_080).default(60),
  /** Tries of one send to the relay (4xx replies, no connection) before the message is marked failed. */
  EMAIL_SEND_MAX_ATTEMPTS: int(1, 20).default(6),
  /** Deadline of one SMTP conversation with the relay. */
  EMAIL_SEND_TIMEOUT_MS: int(100, 300_000).default(30_000),
  /** Back-off between tries: base doubles per try, up to the max. */
  EMAIL_SEND_RETRY_BASE_MS: int(1, 600_000).default(5_000),
  EMAIL_SEND_RETRY_MAX_MS: int(1, 86_400_000).default(900_000),
  /** How often the send queue looks for due mail. */
  EMAIL_SEND_POLL_INTERVAL_MS: int(10, 60_000).default(500),
  /** Mails sent at once (each conversation stays in order). */
  EMAIL_SEND_CONCURRENCY: int(1, 64).default(4),
};

/** The Slack app for agents (handoff): unset SLACK_SIGNING_SECRET/SLACK_BOT_TOKEN/SLACK_AGENT_CHANNEL = Slack off. */
export const slackEnv = {
  SLACK_SIGNING_SECRET: z.string().min(8, 'at least 8 characters').optional(),
  SLACK_BOT_TOKEN: z.string().regex(/^xox[a-z]-/, 'a bot token (xoxb-…)').optional(),
  /** The channel id (`C…`) handoffs are posted to. */
  SLACK_AGENT_CHANNEL: z.string().regex(/^[CG][A-Z0-9]{2,}$/, 'a channel id (C…)').optional(),
  /** Slack Web API base (tests point it at a local server). */
  SLACK_API_URL: z.url({ protocol: /^https?$/ }).default('https://slack.com/api/'),
  /** Largest request body accepted at POST /slack/events (413 above it). */
  SLACK_BODY_LIMIT_BYTES: int(1_024, 1_048_576).default(65_536),
  /** Tries of one Slack Web API call (429, 5xx, network) before it is given up (the console still has the handoff). */
  SLACK_SEND_MAX_ATTEMPTS: int(1, 20).default(6),
  /** Deadline of one Slack Web API call. */
  SLACK_SEND_TIMEOUT_MS: int(100, 60_000).default(10_000),
  /** Back-off between tries: base doubles per try; Retry-After is honoured up to the max. */
  SLACK_SEND_RETRY_BASE_MS: int(1, 60_000).default(1_000),
  SLACK_SEND_RETRY_MAX_MS: int(1, 3_600_000).default(60_000),
  /** How often the Slack send queue looks for due posts. */
  SLACK_SEND_POLL_INTERVAL_MS: int(10, 60_000).default(500),
  /** How long processed Slack event ids are kept to drop Slack's retries (X-Slack-Retry-Num). */
  SLACK_EVENT_DEDUPE_HOURS: int(1, 168).default(24),
  /** Most conversations listed by the slash command. */
  SLACK_QUEUE_LIST_MAX: int(1, 50).default(20),
};


/** The organisation's back office (BACKOFFICE_API_URL; unset = none): customer context for agents (crm-sync) and order-status answers (ai-responder). */
export const backofficeEnv = {
  /** GET <url>/customers/context?email=&phone= (orders, contracts). */
  BACKOFFICE_API_URL: z.url({ protocol: /^https?$/ }).optional(),
  /** Sent as `Authorization: Bearer …` to the back office, when set. */
  BACKOFFICE_API_TOKEN: z.string().min(8, 'at least 8 characters').optional(),
  /** Deadline of one back-office look-up (the console shows the conversation without it after that). */
  BACKOFFICE_TIMEOUT_MS: int(100, 30_000).default(3_000),
  /** Largest back-office answer read (bigger: refused, the console says the context is unavailable). */
  BACKOFFICE_RESPONSE_MAX_BYTES: int(1_024, 10_485_760).default(262_144),
};

/**
 * crm-sync (ADR 0019): HubSpot (HUBSPOT_ACCESS_TOKEN; unset = off), a generic signed
 * webhook to a CRM or back office (CRM_WEBHOOK_URL + CRM_WEBHOOK_SECRET; unset = off), and
 * customer context look-ups for agents (BACKOFFICE_API_URL; unset = none).
 */
export const crmEnv = {
  HUBSPOT_ACCESS_TOKEN: z.string().min(8, 'at least 8 characters').optional(),
  /** HubSpot API base (tests point it at a local server). */
  HUBSPOT_API_BASE_URL: z.url({ protocol: /^https?$/ }).default('https://api.hubapi.com'),
  /** Where signed JSON events go (conversation.closed with the transcript, contact.erased). */
  CRM_WEBHOOK_URL: z.url({ protocol: /^https?$/ }).optional(),
  /** HMAC-SHA256 key of the webhook's X-Pegamento-Signature. */
  CRM_WEBHOOK_SECRET: z.string().min(16, 'at least 16 characters').optional(),
  ...backofficeEnv,
  /** Deadline of one call to HubSpot or the CRM webhook. */
  CRM_SYNC_TIMEOUT_MS: int(100, 120_000).default(10_000),
  /** Tries of one sync (429, 5xx, no answer) before it is marked failed. */
  CRM_SYNC_MAX_ATTEMPTS: int(1, 50).default(8),
  /** Back-off between tries: base doubles per try; Retry-After is honoured up to the max. */
  CRM_SYNC_RETRY_BASE_MS: int(1, 3_600_000).default(1_000),
  CRM_SYNC_RETRY_MAX_MS: int(1, 86_400_000).default(3_600_000),
  /** How often the sync queue looks for due work. */
  CRM_SYNC_POLL_INTERVAL_MS: int(10, 60_000).default(500),
  /** Largest transcript sent in one sync (messages; the newest are kept, with a line saying so). */
  CRM_TRANSCRIPT_MAX_MESSAGES: int(1, 5_000).default(500),
};

/** The AI responder's knowledge base. */
export function knowledgeEnv(demoByDefault: boolean) {
  return {
    /** Load the demo knowledge base (nl, en) on the first start when the tenant has none. */
    KNOWLEDGE_DEMO: flag.default(demoByDefault),
  };
}

/**
 * Standalone only: demo agent and admin when no SEED_* users are set (`npm start` can be
 * tried at once). No distributed schema includes it: a deployment never has default credentials.
 */
export const demoUsersEnv = {
  DEMO_USERS: flag.default(true),
};

/**
 * Standalone only: give the demo tenant the sample shop's phone and e-mail (human routes)
 * when its settings have none yet, so the demo widget shows them. No distributed schema has it.
 */
export const demoTenantEnv = {
  DEMO_TENANT: flag.default(true),
};

export const runtimeSchema = z.object(runtimeEnv);
export const platformSchema = z.object({ ...runtimeEnv, ...databaseEnv, ...busEnv, ...tenancyEnv });
export type PlatformConfig = z.infer<typeof platformSchema>;

/**
 * A service of the distributed deployment: it needs a real database and Kafka;
 * only the standalone process may fall back to embedded ones.
 */
export const distributedPlatformSchema = platformSchema.superRefine((config, ctx) => {
  checkKafkaSecurity(config, ctx);
  if (!config.DATABASE_URL) ctx.addIssue({ code: 'custom', path: ['DATABASE_URL'], message: 'required for a distributed service' });
  if (!config.KAFKA_BROKERS) ctx.addIssue({ code: 'custom', path: ['KAFKA_BROKERS'], message: 'required for a distributed service' });
});

/** Every variable any service reads: the standalone process runs them all. */
export const standaloneSchema = z.object({ ...runtimeEnv, ...databaseEnv, ...busEnv, ...tenancyEnv, ...authEnv, ...webChatEnv, ...uiEnv, ...knowledgeEnv(true), ...demoUsersEnv, ...demoTenantEnv, ...twilioEnv, ...slackEnv, ...emailEnv, ...crmEnv, ...privacyEnv, ...optionalEncryptionEnv });
export type StandaloneConfig = z.infer<typeof standaloneSchema>;

/** A distributed service with some of the feature variable groups. */
export function distributedSchema<TShape extends z.ZodRawShape>(extra: TShape) {
  return z.object({ ...runtimeEnv, ...databaseEnv, ...busEnv, ...tenancyEnv, ...extra }).superRefine((config, ctx) => {
    const c = config as { DATABASE_URL?: string; KAFKA_BROKERS?: string[] } & KafkaSecurityEnv;
    checkKafkaSecurity(c, ctx);
    if (!c.DATABASE_URL) ctx.addIssue({ code: 'custom', path: ['DATABASE_URL'], message: 'required for a distributed service' });
    if (!c.KAFKA_BROKERS) ctx.addIssue({ code: 'custom', path: ['KAFKA_BROKERS'], message: 'required for a distributed service' });
  });
}
