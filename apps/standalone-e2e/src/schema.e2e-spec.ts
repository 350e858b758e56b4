import type { DataSource } from 'typeorm';
import { busEntities, busMigrations } from '@pegamento/data-access-bus';
import { conversationsEntities, conversationsMigrations } from '@pegamento/data-access-conversations';
import { handoffEntities, handoffMigrations } from '@pegamento/handoff-data-access';
import { policyEntities, policyMigrations } from '@pegamento/policy-data-access';
import { knowledgeEntities, knowledgeMigrations } from '@pegamento/ai-responder-data-access-knowledge';
import { crmEntities, crmMigrations } from '@pegamento/crm-sync-data-access-crm';
import { openDatabase } from '@pegamento/util-db';
import { createTestDatabase, type TestDatabase } from '@pegamento/util-testing';

describe('database schema', () => {
  let db: TestDatabase;
  let dataSource: DataSource;

  beforeAll(async () => {
    db = await createTestDatabase();
    dataSource = await openDatabase({
      url: db.url,
      applicationName: 'schema-test',
      entities: [...busEntities, ...conversationsEntities, ...handoffEntities, ...policyEntities, ...knowledgeEntities, ...crmEntities],
      migrations: [...busMigrations, ...conversationsMigrations, ...handoffMigrations, ...policyMigrations, ...knowledgeMigrations, ...crmMigrations],
    });
  });
  afterAll(async () => {
    await dataSource?.destroy();
    await db?.drop();
  });

  it('has migrations that match the entities exactly (no drift to generate)', async () => {
    const pending = await dataSource.driver.createSchemaBuilder().log();
    expect(pending.upQueries.map((q) => q.query)).toEqual([]);
  });

  it('refuses to change who wrote a message after it was created', async () => {
    const [row] = (await dataSource.query(
      `INSERT INTO messages (tenant_id, conversation_id, direction, author_type, author_display_name, ai_generated, text)
       VALUES ('t', gen_random_uuid(), 'outbound', 'ai', 'AI-assistent', true, 'Hallo') RETURNING id`,
    )) as { id: string }[];
    await expect(dataSource.query(`UPDATE messages SET author_type = 'agent' WHERE id = $1`, [row!.id])).rejects.toThrow(/fixed at creation/);
    await expect(dataSource.query(`UPDATE messages SET ai_generated = false WHERE id = $1`, [row!.id])).rejects.toThrow(/fixed at creation/);
    await dataSource.query(`UPDATE messages SET flagged = true WHERE id = $1`, [row!.id]);
    const [after] = (await dataSource.query(`SELECT author_type, ai_generated, flagged FROM messages WHERE id = $1`, [row!.id])) as Record<string, unknown>[];
    expect(after).toEqual({ author_type: 'ai', ai_generated: true, flagged: true });
  });

  it('runs the migrations only once when a second replica starts on the same database', async () => {
    const second = await openDatabase({ url: db.url, applicationName: 'schema-test-2', entities: busEntities, migrations: busMigrations });
    try {
      const [{ n }] = (await second.query(`SELECT count(*)::int AS n FROM schema_migrations`)) as { n: number }[];
      expect(n).toBe(busMigrations.length + conversationsMigrations.length + handoffMigrations.length + policyMigrations.length + knowledgeMigrations.length + crmMigrations.length);
    } finally {
      await second.destroy();
    }
  });
});
