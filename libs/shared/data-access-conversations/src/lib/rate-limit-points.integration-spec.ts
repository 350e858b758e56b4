import { HttpException } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import { openDatabase } from '@pegamento/util-db';
import { RateLimit } from '@pegamento/util-http';
import { createTestDatabase, type TestDatabase } from '@pegamento/util-testing';
import { conversationsEntities, conversationsMigrations } from '../index';

async function statusOf(attempt: Promise<void>): Promise<number> {
  try {
    await attempt;
    return 200;
  } catch (error) {
    return (error as HttpException).getStatus();
  }
}

/** The shared HTTP limits (util-http RateLimit with a database) on the table this library migrates. */
describe('rate limits shared by replicas (rate_limit_points)', () => {
  let db: TestDatabase;
  let replicaA: DataSource;
  let replicaB: DataSource;

  beforeAll(async () => {
    db = await createTestDatabase();
    const open = (name: string) => openDatabase({ url: db.url, applicationName: name, entities: conversationsEntities, migrations: conversationsMigrations });
    replicaA = await open('rate-limit-a');
    replicaB = await open('rate-limit-b');
  });
  afterAll(async () => {
    await replicaA?.destroy();
    await replicaB?.destroy();
    await db?.drop();
  });

  it('counts every replica against one limit per key', async () => {
    // Two processes, each with its own pool and its own RateLimit, as two pods of one service.
    const a = new RateLimit('shared-test', 4, 60, replicaA);
    const b = new RateLimit('shared-test', 4, 60, replicaB);
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) statuses.push(await statusOf((i % 2 === 0 ? a : b).consume('198.51.100.7')));
    expect(statuses).toEqual([200, 200, 200, 200, 429, 429]);
    // Another key, and the same key under another limit's name, have their own counts.
    expect(await statusOf(a.consume('198.51.100.8'))).toBe(200);
    expect(await statusOf(new RateLimit('other-limit', 4, 60, replicaB).consume('198.51.100.7'))).toBe(200);
    const rows = (await replicaA.query(`SELECT key, points FROM rate_limit_points WHERE key LIKE 'shared-test:%' ORDER BY key`)) as { key: string; points: number }[];
    expect(rows).toEqual([
      { key: 'shared-test:198.51.100.7', points: 6 },
      { key: 'shared-test:198.51.100.8', points: 1 },
    ]);
  });

  it('keeps limiting on its own count while the database cannot answer', async () => {
    const gone = await openDatabase({ url: db.url, applicationName: 'rate-limit-gone', entities: conversationsEntities, migrations: [] });
    const limit = new RateLimit('outage-test', 2, 60, gone);
    await gone.destroy();
    const statuses: number[] = [];
    for (let i = 0; i < 3; i++) statuses.push(await statusOf(limit.consume('203.0.113.9')));
    expect(statuses).toEqual([200, 200, 429]);
  });
});
