import { startService } from '@pegamento/feature-platform';
import { standalone } from '@pegamento/standalone-composition';
import { createTestDatabase, testKafkaBrokers, testTopicPrefix } from '@pegamento/util-testing';
import { SEED_USERS, SUITE_LIMITS, describeConversationContract, type RunningSystem } from './support/conversation-contract';

async function standaloneSystem(busEnv: Record<string, string>): Promise<RunningSystem> {
  const db = await createTestDatabase();
  const service = await startService(standalone, {
    LOG_LEVEL: 'silent',
    PORT: '0',
    DATABASE_URL: db.url,
    JWT_SECRET: 'an-e2e-secret-that-is-long-enough-for-hs256',
    ...SEED_USERS,
    ...SUITE_LIMITS,
    ...busEnv,
  });
  return {
    baseUrl: service.url,
    stop: async () => {
      await service.stop();
      await db.drop();
    },
  };
}

describeConversationContract('standalone process, in-process bus', () => standaloneSystem({}));
describeConversationContract('standalone process on Apache Kafka', () =>
  standaloneSystem({ KAFKA_BROKERS: testKafkaBrokers().join(','), KAFKA_TOPIC_PREFIX: testTopicPrefix(), KAFKA_TOPIC_PARTITIONS: '3' }),
);
