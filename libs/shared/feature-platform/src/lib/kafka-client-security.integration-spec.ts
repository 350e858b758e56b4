import { ConfigResourceTypes, Kafka } from 'kafkajs';
import type { BusLogger } from '@pegamento/data-access-bus';
import { distributedPlatformSchema, loadConfig } from '@pegamento/util-config';
import { testKafkaSaslSsl, testTopicPrefix } from '@pegamento/util-testing';
import { createEventBus } from './platform.module';

/**
 * The platform's own bus factory from environment variables to a working TLS + SASL
 * connection (R22) and topic retention, against the SASL_SSL listener of the test broker
 * (tools/infra/up.sh). Missing variables fail the file, they never skip it.
 */
describe('createEventBus with KAFKA_SSL and KAFKA_SASL_* against the SASL_SSL listener', () => {
  it('connects, creates its topics with KAFKA_TOPIC_RETENTION_MS, and never logs the password', async () => {
    const broker = testKafkaSaslSsl();
    const prefix = testTopicPrefix();
    const config = loadConfig(distributedPlatformSchema, {
      DATABASE_URL: 'postgres://unused@127.0.0.1:1/unused',
      KAFKA_BROKERS: broker.brokers.join(','),
      KAFKA_TOPIC_PREFIX: prefix,
      KAFKA_SSL: 'true',
      KAFKA_SSL_CA_FILE: broker.caFile,
      KAFKA_SASL_MECHANISM: 'plain',
      KAFKA_SASL_USERNAME: broker.username,
      KAFKA_SASL_PASSWORD: broker.password,
      KAFKA_TOPIC_RETENTION_MS: '5400000',
    });
    const logged: unknown[] = [];
    const logger: BusLogger = {
      info: (message, fields) => logged.push([message, fields]),
      warn: (message, fields) => logged.push([message, fields]),
      error: (message, fields) => logged.push([message, fields]),
    };
    const bus = createEventBus(config, logger);
    expect(bus.kind).toBe('kafka');
    try {
      await bus.connect();
      await bus.ensureTopics(['platform.tls']);
      await bus.ping();
    } finally {
      await bus.close();
    }

    const admin = new Kafka({
      clientId: 'platform-tls-test',
      brokers: broker.brokers,
      ssl: { ca: [broker.caPem] },
      sasl: { mechanism: 'plain', username: broker.username, password: broker.password },
    }).admin();
    await admin.connect();
    try {
      const { resources } = await admin.describeConfigs({ includeSynonyms: false, resources: [{ type: ConfigResourceTypes.TOPIC, name: `${prefix}platform.tls` }] });
      expect(resources[0]!.configEntries.find((e) => e.configName === 'retention.ms')?.configValue).toBe('5400000');
    } finally {
      await admin.disconnect();
    }

    expect(logged).toContainEqual([
      'kafka: client settings',
      expect.objectContaining({ tls: { caFile: broker.caFile, rejectUnauthorized: true }, sasl: { mechanism: 'plain', username: broker.username }, topicRetentionMs: 5_400_000 }),
    ]);
    expect(JSON.stringify(logged)).not.toContain(broker.password);
  });
});
