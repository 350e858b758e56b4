import { describeEventBusContract, kafkaTestBus } from '../testing';

describeEventBusContract('Apache Kafka adapter on PostgreSQL', (topicPrefix) => kafkaTestBus(topicPrefix, 'bus-contract-test'));
