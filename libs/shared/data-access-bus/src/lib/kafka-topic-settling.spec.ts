import { KafkaJSAggregateError, KafkaJSProtocolError, type Admin, type ITopicConfig } from 'kafkajs';
import { createTopicsPatiently, whileTopicsSettle } from './kafka-topic-settling';

/**
 * A topic's failure in a CreateTopics answer as kafkajs's response parser builds it: a
 * protocol error with the topic's name (KafkaJSCreateTopicError, which its typings do not export).
 */
function topicError(type: string, code: number, topic: string): KafkaJSProtocolError & { topic: string } {
  return Object.assign(new KafkaJSProtocolError({ type, code, retriable: type === 'REQUEST_TIMED_OUT', message: type } as unknown as Error), { topic });
}

const REQUEST_TIMED_OUT = (topic: string) => topicError('REQUEST_TIMED_OUT', 7, topic);
const TOPIC_ALREADY_EXISTS = (topic: string) => topicError('TOPIC_ALREADY_EXISTS', 36, topic);

/** An admin whose createTopics gives the scripted answers in turn and records what it was asked. */
function scriptedAdmin(answers: (Error | null)[]) {
  const asked: string[][] = [];
  const admin: Pick<Admin, 'createTopics'> = {
    createTopics: async ({ topics }) => {
      asked.push(topics.map((t) => t.topic));
      const answer = answers.shift() ?? null;
      if (answer) throw answer;
      return true;
    },
  };
  return { admin, asked };
}

const topics: ITopicConfig[] = [{ topic: 'a' }, { topic: 'b' }, { topic: 'c' }];

describe('creating Kafka topics on a busy controller', () => {
  it('asks again only for the topics whose creation timed out, and counts an existing one as created', async () => {
    const { admin, asked } = scriptedAdmin([new KafkaJSAggregateError('Topic creation errors', [REQUEST_TIMED_OUT('b')]), new KafkaJSAggregateError('Topic creation errors', [TOPIC_ALREADY_EXISTS('b')])]);
    await createTopicsPatiently(admin, topics);
    expect(asked).toEqual([['a', 'b', 'c'], ['b']]);
  });

  it('throws any other creation error at once', async () => {
    const invalid = new KafkaJSAggregateError('Topic creation errors', [REQUEST_TIMED_OUT('a'), topicError('INVALID_REPLICATION_FACTOR', 38, 'b')]);
    const { admin, asked } = scriptedAdmin([invalid]);
    await expect(createTopicsPatiently(admin, topics)).rejects.toBe(invalid);
    expect(asked).toHaveLength(1);
  });

  it('gives up when the controller keeps timing out, naming the topics', async () => {
    const { admin } = scriptedAdmin(Array.from({ length: 100 }, () => new KafkaJSAggregateError('Topic creation errors', [REQUEST_TIMED_OUT('a')])));
    await expect(createTopicsPatiently(admin, [{ topic: 'a' }], 250)).rejects.toThrow('Kafka topics not created: a after 250 ms');
  });
});

describe('waiting for a new topic to settle', () => {
  it('retries what a new topic answers at first (no leader, a leader that does not serve yet) until the attempt gives a value', async () => {
    const answers: (Error | string | undefined)[] = [
      new KafkaJSProtocolError({ type: 'LEADER_NOT_AVAILABLE', code: 5, retriable: true, message: 'no leader' } as unknown as Error),
      new KafkaJSProtocolError({ type: 'NOT_LEADER_FOR_PARTITION', code: 6, retriable: true, message: 'not the leader' } as unknown as Error),
      undefined,
      'served',
    ];
    let attempts = 0;
    const result = await whileTopicsSettle('topic x not served', async () => {
      attempts++;
      const answer = answers.shift();
      if (answer instanceof Error) throw answer;
      return answer;
    });
    expect(result).toBe('served');
    expect(attempts).toBe(4);
  });

  it('throws other errors at once', async () => {
    const denied = new KafkaJSProtocolError({ type: 'TOPIC_AUTHORIZATION_FAILED', code: 29, retriable: false, message: 'denied' } as unknown as Error);
    await expect(whileTopicsSettle('x', async () => Promise.reject(denied))).rejects.toBe(denied);
  });
});
