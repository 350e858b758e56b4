import { Module, type DynamicModule } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { TerminusModule } from '@nestjs/terminus';
import { TypeOrmModule } from '@nestjs/typeorm';
import { LoggerModule, PinoLogger } from 'nestjs-pino';
import { Registry, collectDefaultMetrics } from 'prom-client';
import { DataSource } from 'typeorm';
import {
  BusMetrics,
  ConsumerRunner,
  DeadLetterService,
  EVENT_BUS,
  EventSealer,
  InProcessEventBus,
  KafkaEventBus,
  OutboxRelay,
  type BusLogger,
  type EventBus,
} from '@pegamento/data-access-bus';
import { useFieldKeyRing } from '@pegamento/util-crypto';
import { dataSourceOptions, runMigrationsLocked } from '@pegamento/util-db';
import type { PlatformConfig } from '@pegamento/util-config';
import { BusLifecycle } from './bus.lifecycle';
import { HealthController } from './health.controller';
import { kafkaClientSecurity } from './kafka-client-security';
import { pinoParams } from './logging';
import { MetricsController } from './metrics.controller';
import { OpenApiController } from './openapi.controller';
import { PLATFORM_OPTIONS, type PlatformOptions } from './platform.options';

function busLogger(logger: PinoLogger): BusLogger {
  return {
    info: (message, fields) => logger.info(fields ?? {}, message),
    warn: (message, fields) => logger.warn(fields ?? {}, message),
    error: (message, fields) => logger.error(fields ?? {}, message),
  };
}

export function createEventBus(config: PlatformConfig, logger: BusLogger): EventBus {
  if (!config.KAFKA_BROKERS) return new InProcessEventBus();
  const security = kafkaClientSecurity(config);
  logger.info('kafka: client settings', {
    brokers: config.KAFKA_BROKERS,
    tls: security.ssl ? { caFile: config.KAFKA_SSL_CA_FILE ?? null, rejectUnauthorized: security.ssl.rejectUnauthorized } : false,
    sasl: security.sasl ? { mechanism: security.sasl.mechanism, username: security.sasl.username } : false,
    topicRetentionMs: config.KAFKA_TOPIC_RETENTION_MS,
  });
  if (!security.ssl && config.NODE_ENV === 'production') logger.warn('kafka: connecting without TLS (KAFKA_SSL is not true); events travel readable', {});
  return new KafkaEventBus({
    brokers: config.KAFKA_BROKERS,
    clientId: config.KAFKA_CLIENT_ID,
    topicPrefix: config.KAFKA_TOPIC_PREFIX,
    partitions: config.KAFKA_TOPIC_PARTITIONS,
    replicationFactor: config.KAFKA_REPLICATION_FACTOR,
    connectionTimeoutMs: config.KAFKA_CONNECTION_TIMEOUT_MS,
    sessionTimeoutMs: config.KAFKA_SESSION_TIMEOUT_MS,
    partitionsConsumedConcurrently: config.BUS_CONSUMER_CONCURRENCY,
    topicRetentionMs: config.KAFKA_TOPIC_RETENTION_MS,
    ...security,
    log: (level, message, extra) => logger[level](message, extra),
  });
}

/**
 * What every Pegamento service stands on: config, pino logging, PostgreSQL with its
 * migrations, the event bus with outbox relay and consumer runner, health and
 * metrics. Each app imports it once with its own entities and migrations.
 */
@Module({})
export class PlatformModule {
  static forRoot(options: PlatformOptions): DynamicModule {
    const { config } = options;
    return {
      module: PlatformModule,
      global: true,
      imports: [
        LoggerModule.forRoot(pinoParams(options.serviceName, config.LOG_LEVEL)),
        TypeOrmModule.forRootAsync({
          useFactory: () =>
            dataSourceOptions({
              url: options.databaseUrl,
              applicationName: `pegamento-${options.serviceName}`,
              entities: options.entities,
              migrations: options.migrations,
              poolSize: config.DB_POOL_SIZE,
              statementTimeoutMs: config.DB_STATEMENT_TIMEOUT_MS,
            }),
          dataSourceFactory: async (dsOptions) => {
            // The encrypted columns' transformers find the keys here, from the first query on.
            if (options.fieldKeys) useFieldKeyRing(options.fieldKeys);
            const dataSource = await new DataSource(dsOptions!).initialize();
            await runMigrationsLocked(dataSource);
            return dataSource;
          },
        }),
        TerminusModule,
        DiscoveryModule,
      ],
      controllers: [HealthController, MetricsController, OpenApiController],
      providers: [
        { provide: PLATFORM_OPTIONS, useValue: options },
        {
          provide: Registry,
          useFactory: () => {
            const registry = new Registry();
            registry.setDefaultLabels({ service: options.serviceName });
            collectDefaultMetrics({ register: registry });
            return registry;
          },
        },
        { provide: BusMetrics, useFactory: (registry: Registry) => new BusMetrics(registry), inject: [Registry] },
        // Payloads on the bus sealed per conversation (ADR 0018); a service without data keys sends and reads them open.
        { provide: EventSealer, useValue: options.fieldKeys ? new EventSealer(options.fieldKeys, config.BUS_EVENT_KEY_CACHE_SIZE) : null },
        {
          provide: EVENT_BUS,
          useFactory: (logger: PinoLogger) => createEventBus(config, busLogger(logger)),
          inject: [PinoLogger],
        },
        {
          provide: ConsumerRunner,
          useFactory: (ds: DataSource, logger: PinoLogger, metrics: BusMetrics, sealer: EventSealer | null) =>
            new ConsumerRunner(
              ds,
              { maxAttempts: config.BUS_MAX_ATTEMPTS, baseDelayMs: config.BUS_RETRY_BASE_MS, maxDelayMs: config.BUS_RETRY_MAX_MS },
              busLogger(logger),
              metrics,
              sealer ?? undefined,
            ),
          inject: [DataSource, PinoLogger, BusMetrics, EventSealer],
        },
        {
          provide: OutboxRelay,
          useFactory: (ds: DataSource, bus: EventBus, logger: PinoLogger, metrics: BusMetrics, sealer: EventSealer | null) =>
            new OutboxRelay(
              ds,
              bus,
              {
                batchSize: config.OUTBOX_BATCH_SIZE,
                pollIntervalMs: config.OUTBOX_POLL_INTERVAL_MS,
                retentionMs: config.OUTBOX_RETENTION_MS,
                ...(sealer ? { sealer } : {}),
              },
              busLogger(logger),
              metrics,
            ),
          inject: [DataSource, EVENT_BUS, PinoLogger, BusMetrics, EventSealer],
        },
        { provide: DeadLetterService, useFactory: (ds: DataSource) => new DeadLetterService(ds), inject: [DataSource] },
        BusLifecycle,
      ],
      exports: [PLATFORM_OPTIONS, Registry, EVENT_BUS, EventSealer, ConsumerRunner, OutboxRelay, DeadLetterService, BusLifecycle],
    };
  }
}
