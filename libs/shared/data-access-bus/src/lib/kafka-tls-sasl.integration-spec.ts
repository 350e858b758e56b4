import { eventually, testKafkaSaslSsl, testTopicPrefix, type TestKafkaSaslSsl } from '@pegamento/util-testing';
import type { ReceivedMessage } from './event-bus.port';
import { KafkaEventBus, type KafkaEventBusOptions } from './kafka-event-bus';

/**
 * The Kafka adapter over TLS with SASL PLAIN (R22), against the SASL_SSL listener that
 * tools/infra/up.sh gives the local broker (self-signed certificate, user from .infra/env).
 * Missing variables fail the file (testKafkaSaslSsl throws), they never skip it.
 */
describe('Apache Kafka adapter over SASL_SSL (TLS + SASL PLAIN)', () => {
  let broker: TestKafkaSaslSsl;
  const open: KafkaEventBus[] = [];

  beforeAll(() => {
    broker = testKafkaSaslSsl();
  });
  afterEach(async () => {
    await Promise.allSettled(open.splice(0).map((b) => b.close()));
  });

  function options(overrides: Partial<KafkaEventBusOptions> = {}): KafkaEventBusOptions {
    return {
      brokers: broker.brokers,
      clientId: 'bus-tls-test',
      topicPrefix: testTopicPrefix(),
      partitions: 1,
      replicationFactor: 1,
      connectionTimeoutMs: 3_000,
      sessionTimeoutMs: 10_000,
      partitionsConsumedConcurrently: 1,
      ssl: { ca: broker.caPem, rejectUnauthorized: true },
      sasl: { mechanism: 'plain', username: broker.username, password: broker.password },
      ...overrides,
    };
  }

  function bus(overrides: Partial<KafkaEventBusOptions> = {}): KafkaEventBus {
    const b = new KafkaEventBus(options(overrides));
    open.push(b);
    return b;
  }

  it('publishes and consumes through the SASL_SSL listener with the CA and the right password', async () => {
    const b = bus();
    await b.connect();
    await b.ensureTopics(['tls.events']);
    const received: ReceivedMessage[] = [];
    await b.subscribe({ groupId: 'tls-consumer', topics: ['tls.events'], handle: async (m) => void received.push(m) });
    await b.publish([
      { topic: 'tls.events', key: 'conv-1', value: '{"n":1}', headers: { 'x-test': 'a' } },
      { topic: 'tls.events', key: 'conv-1', value: '{"n":2}' },
    ]);
    await eventually(() => received.length >= 2);
    expect(received.map((m) => [m.topic, m.key, m.value])).toEqual([
      ['tls.events', 'conv-1', '{"n":1}'],
      ['tls.events', 'conv-1', '{"n":2}'],
    ]);
    expect(received[0]!.headers['x-test']).toBe('a');
    await expect(b.ping()).resolves.toBeUndefined();
  });

  it('fails to connect with a wrong password, saying that authentication failed', async () => {
    const b = bus({ sasl: { mechanism: 'plain', username: broker.username, password: `${broker.password}-wrong` } });
    const error = await b.connect().then(
      () => null,
      (e: unknown) => e as Error,
    );
    expect(error).not.toBeNull();
    expect(error!.message).toMatch(/SASL PLAIN authentication failed/i);
    expect(error!.message).not.toContain(broker.password);
  });

  it('publishes and consumes with SCRAM-SHA-512, the mechanism of the EU production overlay (managed Kafka)', async () => {
    const b = bus({ sasl: { mechanism: 'scram-sha-512', username: broker.username, password: broker.password } });
    await b.connect();
    await b.ensureTopics(['scram.events']);
    const received: ReceivedMessage[] = [];
    await b.subscribe({ groupId: 'scram-consumer', topics: ['scram.events'], handle: async (m) => void received.push(m) });
    await b.publish([{ topic: 'scram.events', key: 'conv-1', value: '{"n":1}' }]);
    await eventually(() => received.length >= 1);
    expect(received.map((m) => m.value)).toEqual(['{"n":1}']);
  });

  it('fails to connect with SCRAM and a wrong password, without the password in the error', async () => {
    const b = bus({ sasl: { mechanism: 'scram-sha-512', username: broker.username, password: `${broker.password}-wrong` } });
    const error = await b.connect().then(
      () => null,
      (e: unknown) => e as Error,
    );
    expect(error).not.toBeNull();
    expect(error!.message).toMatch(/SASL SCRAM SHA512 authentication failed/i);
    expect(error!.message).not.toContain(broker.password);
  });

  it('fails to connect with an unknown user', async () => {
    const b = bus({ sasl: { mechanism: 'plain', username: 'nobody', password: broker.password } });
    await expect(b.connect()).rejects.toThrow(/authentication failed/i);
  });

  it('cannot talk to that port without TLS', async () => {
    const plain = options({ connectionTimeoutMs: 1_000 });
    delete plain.ssl;
    const b = new KafkaEventBus(plain);
    open.push(b);
    const error = await b.connect().then(
      () => null,
      (e: unknown) => e as Error,
    );
    expect(error).not.toBeNull();
    // The broker expects a TLS handshake and drops the plaintext request.
    expect(error!.message).toMatch(/closed connection|connection timeout/i);
  });

  it('refuses the self-signed certificate when the CA is not given and reject-unauthorized is on', async () => {
    const b = bus({ ssl: { rejectUnauthorized: true }, connectionTimeoutMs: 2_000 });
    await expect(b.connect()).rejects.toThrow(/self[- ]signed certificate/i);
  });

  it('accepts it without the CA only when reject-unauthorized is off (test brokers only)', async () => {
    const b = bus({ ssl: { rejectUnauthorized: false } });
    await b.connect();
    await expect(b.ping()).resolves.toBeUndefined();
  });
});
