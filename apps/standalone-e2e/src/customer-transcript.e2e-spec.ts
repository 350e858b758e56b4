import { DataSource } from 'typeorm';
import { MessageEntity } from '@pegamento/data-access-conversations';
import { startService, type RunningService } from '@pegamento/feature-platform';
import { standalone } from '@pegamento/standalone-composition';
import { createTestDatabase, eventually, type TestDatabase } from '@pegamento/util-testing';
import { ContractClient, type ConversationShape, type MessageShape } from './support/contract-client';
import { SEED_USERS } from './support/conversation-contract';

/**
 * The customer's transcript shows what the policy released to them, in the order it was
 * released: an agent's reply is stored by handoff at once, but reaches the customer only
 * after the policy said who writes now (R06), however late the policy gets to it.
 */
describe("the customer's transcript", () => {
  let db: TestDatabase;
  let service: RunningService;
  let api: ContractClient;

  beforeAll(async () => {
    db = await createTestDatabase();
    service = await startService(standalone, { LOG_LEVEL: 'silent', PORT: '0', DATABASE_URL: db.url, JWT_SECRET: 'a-transcript-secret-long-enough-for-hs256', ...SEED_USERS });
    api = new ContractClient(service.url);
  });
  afterAll(async () => {
    await service?.stop();
    await db?.drop();
  });

  it("holds back a person's reply the policy has not released yet, then shows it after everything released before it", async () => {
    const opened = await api.request<{ conversation: ConversationShape; token: string }>('POST', '/api/v1/web/conversations', { json: { locale: 'nl' } });
    const { conversation, token } = opened.body;
    const transcript = async (after?: string) =>
      api.request<{ messages: MessageShape[] }>('GET', `/api/v1/web/conversations/${conversation.id}/messages${after ? `?after=${after}` : ''}`, { token });
    await api.request('POST', `/api/v1/web/conversations/${conversation.id}/messages`, { token, json: { text: 'ik wil een mens spreken' } });
    await eventually(async () => (await api.request<{ conversation: ConversationShape }>('GET', `/api/v1/web/conversations/${conversation.id}`, { token })).body.conversation.status === 'waiting_for_agent');
    // Let the policy finish what it says about the queue, so only this test's message changes the transcript from here.
    await eventually(async () => {
      const first = (await transcript()).body.messages.length;
      await new Promise((r) => setTimeout(r, 300));
      return first > 2 && (await transcript()).body.messages.length === first;
    });

    // What handoff stores for an agent's reply before the policy consumed its event (its transaction, not the API: the lag made visible).
    const dataSource = service.app.get(DataSource);
    const repository = dataSource.getRepository(MessageEntity);
    const pending = await repository.save(
      repository.create({
        tenantId: 'default',
        conversationId: conversation.id,
        direction: 'outbound',
        authorType: 'agent',
        authorId: null,
        authorDisplayName: 'Sanne',
        aiGenerated: false,
        text: 'Nog niet vrijgegeven.',
        locale: 'nl',
        sources: [],
        releasedAt: null,
      }),
    );
    const before = await transcript();
    expect(before.status).toBe(200);
    expect(before.body.messages.map((m) => m.id)).not.toContain(pending.id);
    // Nor can it serve as a cursor the customer never had.
    expect((await transcript(pending.id)).status).toBe(400);

    // The policy releases it (as CustomerNotifier.emitOutbound does): it comes after everything released earlier.
    await repository.update({ id: pending.id }, { releasedAt: () => 'clock_timestamp()' });
    const after = await transcript();
    const ids = after.body.messages.map((m) => m.id);
    expect(ids[ids.length - 1]).toBe(pending.id);
    const last = after.body.messages[after.body.messages.length - 1]!;
    expect(Date.parse(last.createdAt)).toBeGreaterThan(Date.parse(after.body.messages[after.body.messages.length - 2]!.createdAt));
    // The widget's catch-up after a reconnect (`?after=` the last it had) gets it too, in the same order.
    const lastSeen = before.body.messages[before.body.messages.length - 1]!.id;
    expect((await transcript(lastSeen)).body.messages.map((m) => m.id)).toEqual(ids.slice(ids.indexOf(lastSeen) + 1));
  });
});
