import { ConfigResourceTypes, Kafka, type Admin } from 'kafkajs';
import { testKafkaBrokers, testTopicPrefix } from '@pegamento/util-testing';
import { KafkaEventBus } from './kafka-event-bus';

/** retention.ms of the topics (KAFKA_TOPIC_RETENTION_MS): set on creation, brought in line on existing topics. */
describe('Apache Kafka adapter: topic retention', () => {
  let admin: Admin;
  const open: KafkaEventBus[] = [];
  const logged: { level: string; message: string; extra: Record<string, unknown> }[] = [];

  beforeAll(async () => {
    admin = new Kafka({ clientId: 'retention-test-admin', brokers: testKafkaBrokers() }).admin();
    await admin.connect();
  });
  afterEach(async () => {
    await Promise.allSettled(open.splice(0).map((b) => b.close()));
    logged.length = 0;
  });
  afterAll(async () => {
    await admin?.disconnect();
  });

  function bus(topicPrefix: string, topicRetentionMs?: number): KafkaEventBus {
    const b = new KafkaEventBus({
      brokers: testKafkaBrokers(),
      clientId: 'retention-test',
      topicPrefix,
      partitions: 1,
      replicationFactor: 1,
      connectionTimeoutMs: 3_000,
      sessionTimeoutMs: 10_000,
      partitionsConsumedConcurrently: 1,
      ...(topicRetentionMs !== undefined ? { topicRetentionMs } : {}),
      log: (level, message, extra) => logged.push({ level, message, extra }),
    });
    open.push(b);
    return b;
  }

  async function topicConfig(topic: string): Promise<Record<string, string>> {
    const { resources } = await admin.describeConfigs({ includeSynonyms: false, resources: [{ type: ConfigResourceTypes.TOPIC, name: topic }] });
    return Object.fromEntries(resources[0]!.configEntries.map((e) => [e.configName, e.configValue]));
  }

  it('creates topics with the configured retention.ms', async () => {
    const prefix = testTopicPrefix();
    const b = bus(prefix, 3_600_000);
    await b.connect();
    await b.ensureTopics(['retention.new', 'retention.other']);
    expect((await topicConfig(`${prefix}retention.new`))['retention.ms']).toBe('3600000');
    expect((await topicConfig(`${prefix}retention.other`))['retention.ms']).toBe('3600000');
    expect(logged.filter((l) => l.message.includes('retention'))).toEqual([]);
  });

  it('brings an existing topic in line, keeps its other settings, and logs the change', async () => {
    const prefix = testTopicPrefix();
    const topic = `${prefix}retention.old`;
    await admin.createTopics({
      waitForLeaders: true,
      topics: [
        {
          topic,
          numPartitions: 1,
          replicationFactor: 1,
          configEntries: [
            { name: 'retention.ms', value: '2592000000' },
            { name: 'max.message.bytes', value: '2000000' },
          ],
        },
      ],
    });
    const b = bus(prefix, 7_200_000);
    await b.connect();
    await b.ensureTopics(['retention.old']);
    const config = await topicConfig(topic);
    expect(config['retention.ms']).toBe('7200000');
    expect(config['max.message.bytes']).toBe('2000000');
    expect(logged).toContainEqual({ level: 'info', message: 'kafka: topic retention.ms changed', extra: { topic, from: '2592000000', to: '7200000' } });

    // A second boot finds nothing to change.
    logged.length = 0;
    const again = bus(prefix, 7_200_000);
    await again.connect();
    await again.ensureTopics(['retention.old']);
    expect(logged.filter((l) => l.message.includes('retention'))).toEqual([]);
  });

  it('leaves retention alone when none is configured', async () => {
    const prefix = testTopicPrefix();
    const topic = `${prefix}retention.untouched`;
    await admin.createTopics({ waitForLeaders: true, topics: [{ topic, numPartitions: 1, replicationFactor: 1, configEntries: [{ name: 'retention.ms', value: '86400000' }] }] });
    const b = bus(prefix);
    await b.connect();
    await b.ensureTopics(['retention.untouched']);
    expect((await topicConfig(topic))['retention.ms']).toBe('86400000');
  });
});
