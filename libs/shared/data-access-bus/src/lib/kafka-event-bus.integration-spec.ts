import type { DataSource } from 'typeorm';
import { eventually, testTopicPrefix, type TestDatabase } from '@pegamento/util-testing';
import { BusPipeline, describeEventBusContract, kafkaTestBus, numberedEvent, openBusTestDatabase, writeToOutbox } from '../testing';
import type { EventHandlerDefinition } from './consumer-runner';

describeEventBusContract('Apache Kafka adapter on PostgreSQL', (topicPrefix) => kafkaTestBus(topicPrefix, 'bus-contract-test'));

describe('Apache Kafka adapter: broadcast subscriptions across processes', () => {
  let db: TestDatabase;
  let dataSource: DataSource;
  const running: BusPipeline[] = [];

  beforeAll(async () => {
    ({ db, dataSource } = await openBusTestDatabase());
  });
  afterAll(async () => {
    await Promise.all(running.map((p) => p.stop()));
    await dataSource?.destroy();
    await db?.drop();
  });

  /** A handler of one "process": remembers what it saw in memory, as a socket push would. */
  function seenBy(seen: string[], group: string, delivery: 'group' | 'broadcast'): EventHandlerDefinition<'audit.recorded'> {
    return {
      group,
      types: ['audit.recorded'],
      delivery,
      handle: async (event) => {
        seen.push(event.eventId);
      },
    };
  }

  it('gives every process every event of a broadcast group, while a normal group shares them out', async () => {
    const prefix = testTopicPrefix();
    const replicas = [
      { pushed: [] as string[], shared: [] as string[] },
      { pushed: [] as string[], shared: [] as string[] },
    ];
    for (const r of replicas) {
      const p = new BusPipeline(dataSource, kafkaTestBus(prefix, 'broadcast-test'), [seenBy(r.pushed, 'live', 'broadcast'), seenBy(r.shared, 'work', 'group')]);
      running.push(await p.start());
    }
    const events = Array.from({ length: 24 }, (_, i) => numberedEvent(`conversation-${i}`, i));
    await writeToOutbox(dataSource, events);
    const ids = events.map((e) => e.eventId).sort();
    await eventually(() => replicas.every((r) => r.pushed.length >= 24) && replicas[0]!.shared.length + replicas[1]!.shared.length >= 24, 30_000);
    for (const r of replicas) expect([...r.pushed].sort()).toEqual(ids);
    // The normal group still handles each event once, split over the two members.
    expect([...replicas[0]!.shared, ...replicas[1]!.shared].sort()).toEqual(ids);
    expect(replicas[0]!.shared.length).toBeGreaterThan(0);
    expect(replicas[1]!.shared.length).toBeGreaterThan(0);
  });
});
