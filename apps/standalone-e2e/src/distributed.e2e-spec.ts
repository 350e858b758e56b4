import { createTestDatabase, testKafkaBrokers, testTopicPrefix } from '@pegamento/util-testing';
import { SEED_USERS, SUITE_LIMITS, describeConversationContract } from './support/conversation-contract';
import { ensureBuilt, startIngress, startServiceProcess, stopServiceProcess, type ServiceProcess } from './support/distributed-system';

/**
 * The distributed way to run: gateway-web, policy, ai-responder and handoff as
 * separate processes (compiled, as in their images) on real Kafka and PostgreSQL,
 * behind a path-routing ingress, driven by the same contract suite.
 */
describeConversationContract(
  'separate services on Apache Kafka',
  async () => {
    ensureBuilt();
    const db = await createTestDatabase();
    const env = {
      DATABASE_URL: db.url,
      KAFKA_BROKERS: testKafkaBrokers().join(','),
      KAFKA_TOPIC_PREFIX: testTopicPrefix(),
      KAFKA_TOPIC_PARTITIONS: '3',
      JWT_SECRET: 'a-distributed-secret-that-is-long-enough-for-hs256',
      ...SEED_USERS,
      ...SUITE_LIMITS,
    };
    const base = 39_000 + Math.floor(Math.random() * 500) * 4;
    const services: ServiceProcess[] = [];
    try {
      // One after the other: each runs its migrations and creates topics at boot.
      for (const [i, name] of ['gateway-web', 'policy', 'handoff', 'ai-responder'].entries()) {
        services.push(await startServiceProcess(name, base + i, env));
      }
    } catch (error) {
      await Promise.all(services.map(stopServiceProcess));
      await db.drop();
      throw error;
    }
    const url = (name: string) => services.find((s) => s.name === name)!.url;
    const ingress = await startIngress([
      { prefix: '/api/v1/web', target: url('gateway-web') },
      { prefix: '/api/v1/auth', target: url('handoff') },
      { prefix: '/api/v1/agent', target: url('handoff') },
      { prefix: '/api/v1/compliance', target: url('policy') },
      { prefix: '/api/v1/admin/tenant', target: url('policy') },
      { prefix: '/api/v1/admin/knowledge', target: url('ai-responder') },
    ]);
    return {
      baseUrl: ingress.url,
      stop: async () => {
        await ingress.close();
        await Promise.all(services.map(stopServiceProcess));
        await db.drop();
      },
    };
  },
  90_000,
);
