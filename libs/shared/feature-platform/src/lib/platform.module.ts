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
  InProcessEventBus,
  KafkaEventBus,
  OutboxRelay,
  type BusLogger,
  type EventBus,
} from '@pegamento/data-access-bus';
import { dataSourceOptions, runMigrationsLocked } from '@pegamento/util-db';
import type { PlatformConfig } from '@pegamento/util-config';
import { BusLifecycle } from './bus.lifecycle';
import { HealthController } from './health.controller';
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
  return new KafkaEventBus({
    brokers: config.KAFKA_BROKERS,
    clientId: config.KAFKA_CLIENT_ID,
    topicPrefix: config.KAFKA_TOPIC_PREFIX,
    partitions: config.KAFKA_TOPIC_PARTITIONS,
    replicationFactor: config.KAFKA_REPLICATION_FACTOR,
    connectionTimeoutMs: config.KAFKA_CONNECTION_TIMEOUT_MS,
    sessionTimeoutMs: config.KAFKA_SESSION_TIMEOUT_MS,
    partitionsConsumedConcurrently: config.BUS_CONSUMER_CONCURRENCY,
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
        {
          provide: EVENT_BUS,
          useFactory: (logger: PinoLogger) => createEventBus(config, busLogger(logger)),
          inject: [PinoLogger],
        },
        {
          provide: ConsumerRunner,
          useFactory: (ds: DataSource, logger: PinoLogger, metrics: BusMetrics) =>
            new ConsumerRunner(
              ds,
              { maxAttempts: config.BUS_MAX_ATTEMPTS, baseDelayMs: config.BUS_RETRY_BASE_MS, maxDelayMs: config.BUS_RETRY_MAX_MS },
              busLogger(logger),
              metrics,
            ),
          inject: [DataSource, PinoLogger, BusMetrics],
        },
        {
          provide: OutboxRelay,
          useFactory: (ds: DataSource, bus: EventBus, logger: PinoLogger, metrics: BusMetrics) =>
            new OutboxRelay(
              ds,
              bus,
              { batchSize: config.OUTBOX_BATCH_SIZE, pollIntervalMs: config.OUTBOX_POLL_INTERVAL_MS, retentionMs: config.OUTBOX_RETENTION_MS },
              busLogger(logger),
              metrics,
            ),
          inject: [DataSource, EVENT_BUS, PinoLogger, BusMetrics],
        },
        { provide: DeadLetterService, useFactory: (ds: DataSource) => new DeadLetterService(ds), inject: [DataSource] },
        BusLifecycle,
      ],
      exports: [PLATFORM_OPTIONS, Registry, EVENT_BUS, ConsumerRunner, OutboxRelay, DeadLetterService, BusLifecycle],
    };
  }
}
