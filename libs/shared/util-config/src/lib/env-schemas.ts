import { z } from 'zod';

const int = (min: number, max: number) => z.coerce.number().int().min(min).max(max);
const csv = z
  .string()
  .transform((v) => v.split(',').map((s) => s.trim()).filter(Boolean))
  .pipe(z.array(z.string().regex(/^[^\s:]+:\d+$/, 'expected host:port')).min(1));

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
  /** Published outbox rows are kept this long (for diagnosis), then deleted. */
  OUTBOX_RETENTION_MS: int(0, 30 * 24 * 3_600_000).default(3_600_000),
};

export const tenancyEnv = {
  /** Tenant of web conversations that do not name one, and of the SEED_* users. */
  DEFAULT_TENANT_ID: z.string().regex(/^[a-z0-9][a-z0-9-]{0,63}$/).default('default'),
  DEFAULT_LOCALE: z.string().regex(/^[a-z]{2,3}$/).default('nl'),
};

const password = z.string().min(10, 'at least 10 characters');
export const authEnv = {
  /** HS256 secret of agents' access tokens; the standalone process generates one under DATA_DIR when unset. */
  JWT_SECRET: z.string().min(32, 'at least 32 characters').optional(),
  JWT_TTL_SECONDS: int(60, 7 * 24 * 3_600).default(8 * 3_600),
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
  PUBLIC_BASE_URL: z.url().optional(),
};

const flag = z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1');

/** The AI responder's knowledge base. */
export function knowledgeEnv(demoByDefault: boolean) {
  return {
    /** Load the demo knowledge base (nl, en) on the first start when the tenant has none. */
    KNOWLEDGE_DEMO: flag.default(demoByDefault),
  };
}

export const runtimeSchema = z.object(runtimeEnv);
export const platformSchema = z.object({ ...runtimeEnv, ...databaseEnv, ...busEnv, ...tenancyEnv });
export type PlatformConfig = z.infer<typeof platformSchema>;

/**
 * A service of the distributed deployment: it needs a real database and Kafka;
 * only the standalone process may fall back to embedded ones.
 */
export const distributedPlatformSchema = platformSchema.superRefine((config, ctx) => {
  if (!config.DATABASE_URL) ctx.addIssue({ code: 'custom', path: ['DATABASE_URL'], message: 'required for a distributed service' });
  if (!config.KAFKA_BROKERS) ctx.addIssue({ code: 'custom', path: ['KAFKA_BROKERS'], message: 'required for a distributed service' });
});

/** Every variable any service reads: the standalone process runs them all. */
export const standaloneSchema = z.object({ ...runtimeEnv, ...databaseEnv, ...busEnv, ...tenancyEnv, ...authEnv, ...webChatEnv, ...knowledgeEnv(true) });
export type StandaloneConfig = z.infer<typeof standaloneSchema>;

/** A distributed service with some of the feature variable groups. */
export function distributedSchema<TShape extends z.ZodRawShape>(extra: TShape) {
  return z.object({ ...runtimeEnv, ...databaseEnv, ...busEnv, ...tenancyEnv, ...extra }).superRefine((config, ctx) => {
    const c = config as { DATABASE_URL?: string; KAFKA_BROKERS?: string[] };
    if (!c.DATABASE_URL) ctx.addIssue({ code: 'custom', path: ['DATABASE_URL'], message: 'required for a distributed service' });
    if (!c.KAFKA_BROKERS) ctx.addIssue({ code: 'custom', path: ['KAFKA_BROKERS'], message: 'required for a distributed service' });
  });
}
