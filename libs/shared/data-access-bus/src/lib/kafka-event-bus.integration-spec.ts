import { testKafkaBrokers } from '@pegamento/util-testing';
import { KafkaEventBus } from './kafka-event-bus';
import { describeEventBusContract } from '../testing';

describeEventBusContract(
  'Apache Kafka adapter on PostgreSQL',
  (topicPrefix) =>
    new KafkaEventBus({
      brokers: testKafkaBrokers(),
      clientId: 'bus-contract-test',
      topicPrefix,
      partitions: 3,
      replicationFactor: 1,
      connectionTimeoutMs: 3_000,
      sessionTimeoutMs: 10_000,
      partitionsConsumedConcurrently: 3,
    }),
);
