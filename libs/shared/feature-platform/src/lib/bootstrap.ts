import 'reflect-metadata';
import type { DynamicModule, INestApplication, Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { json } from 'express';
import type { IncomingMessage } from 'node:http';
import helmet from 'helmet';
import { Logger } from 'nestjs-pino';
import type { z } from 'zod';
import { startEmbeddedPostgres, type EmbeddedDatabase } from '@pegamento/util-db';
import { ConfigError, loadConfig, type PlatformConfig } from '@pegamento/util-config';
import { ErrorShapeFilter } from './error-shape.filter';

export interface ServiceDefinition<TConfig extends PlatformConfig> {
  name: string;
  schema: z.ZodType<TConfig>;
  /** Only the standalone process may start an embedded PostgreSQL. */
  allowEmbeddedDatabase: boolean;
  module: (config: TConfig, databaseUrl: string) => DynamicModule | Type<unknown>;
}

export interface RunningService {
  app: INestApplication;
  url: string;
  stop(): Promise<void>;
}

/**
 * Security headers of every HTTP answer (helmet): nosniff, no framing, no referrer, HSTS,
 * and a Content-Security-Policy that allows nothing, as JSON needs nothing. Pages (the
 * demo page, privacy notice, console) and the widget script set their own CSP and
 * Cross-Origin-Resource-Policy in their controllers, which replace these.
 */
export const apiSecurityHeaders = helmet({
  contentSecurityPolicy: { useDefaults: false, directives: { defaultSrc: ["'none'"], frameAncestors: ["'none'"], baseUri: ["'none'"], formAction: ["'none'"] } },
  frameguard: { action: 'deny' },
  referrerPolicy: { policy: 'no-referrer' },
  crossOriginResourcePolicy: { policy: 'same-site' },
});

/** Creates, configures and starts one service; used by every app's main.ts and by the e2e tests. */
export async function startService<TConfig extends PlatformConfig>(
  definition: ServiceDefinition<TConfig>,
  env: NodeJS.ProcessEnv = process.env,
): Promise<RunningService> {
  const config = loadConfig(definition.schema, env);
  let embedded: EmbeddedDatabase | null = null;
  let databaseUrl = config.DATABASE_URL;
  if (!databaseUrl) {
    if (!definition.allowEmbeddedDatabase) throw new ConfigError(['DATABASE_URL: required']);
    embedded = await startEmbeddedPostgres(config.DATA_DIR);
    databaseUrl = embedded.url;
  }
  let app: INestApplication | null = null;
  try {
    app = await NestFactory.create(definition.module(config, databaseUrl), { bufferLogs: true, bodyParser: false });
    app.useLogger(app.get(Logger));
    (app.getHttpAdapter().getInstance() as { set(name: string, value: unknown): void }).set('trust proxy', config.TRUST_PROXY_HOPS);
    app.use(apiSecurityHeaders);
    // `verify` keeps the bytes as read (req.rawBody, as Nest's own rawBody option does):
    // a signed webhook (Slack, ADR 0017) is checked over exactly what was sent.
    app.use(json({ limit: config.HTTP_BODY_LIMIT_BYTES, verify: keepRawBody }));
    app.useGlobalFilters(new ErrorShapeFilter());
    await app.listen(config.PORT, '0.0.0.0');
  } catch (error) {
    await app?.close().catch(() => undefined);
    await embedded?.stop().catch(() => undefined);
    throw error;
  }
  const address = app.getHttpServer().address() as { port: number };
  const started = app;
  let stopping: Promise<void> | null = null;
  return {
    app: started,
    url: `http://127.0.0.1:${address.port}`,
    stop: () =>
      (stopping ??= (async () => {
        await started.close();
        await embedded?.stop();
      })()),
  };
}

/**
 * main.ts of every app: start, then on SIGTERM/SIGINT shut down gracefully (finish
 * in-flight handlers, commit offsets, close the database) within SHUTDOWN_TIMEOUT_MS.
 */
export function runService<TConfig extends PlatformConfig>(definition: ServiceDefinition<TConfig>): void {
  startService(definition).then(
    (service) => {
      const timeoutMs = Number(process.env['SHUTDOWN_TIMEOUT_MS'] ?? 15_000);
      const shutdown = (signal: NodeJS.Signals) => {
        const timer = setTimeout(() => {
          process.stderr.write(`${definition.name}: shutdown took longer than ${timeoutMs} ms; exiting\n`);
          process.exit(1);
        }, timeoutMs);
        timer.unref();
        service.stop().then(
          () => process.exit(0),
          (error: unknown) => {
            process.stderr.write(`${definition.name}: error during shutdown after ${signal}: ${String(error)}\n`);
            process.exit(1);
          },
        );
      };
      process.once('SIGTERM', shutdown);
      process.once('SIGINT', shutdown);
      process.stdout.write(`${definition.name} listening on ${service.url}\n`);
    },
    (error: unknown) => {
      process.stderr.write(`${definition.name} failed to start: ${error instanceof Error ? error.message : String(error)}\n`);
      process.exit(1);
    },
  );
}

/** body-parser's `verify` hook: the JSON body's bytes stay on the request as `rawBody` (no copy). */
function keepRawBody(req: IncomingMessage, _res: unknown, buffer: Buffer): void {
  (req as IncomingMessage & { rawBody?: Buffer }).rawBody = buffer;
}
