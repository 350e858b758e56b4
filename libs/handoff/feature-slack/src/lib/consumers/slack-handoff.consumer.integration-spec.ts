import { Logger } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import { createEvent, type AnyEvent } from '@pegamento/contracts';
import { busEntities, busMigrations, type HandlerContext } from '@pegamento/data-access-bus';
import { ConversationEntity, conversationsEntities, conversationsMigrations, HandoffRequestEntity, TenantEntity } from '@pegamento/data-access-conversations';
import { handoffEntities, handoffMigrations, SlackPostEntity, SlackThreadEntity } from '@pegamento/handoff-data-access';
import { useTestFieldKeyRing } from '@pegamento/util-crypto/testing';
import { openDatabase } from '@pegamento/util-db';
import { createTestDatabase, type TestDatabase } from '@pegamento/util-testing';
import { resolveSlackSettings } from '../slack.config';
import type { SlackSendWorker } from '../send-queue/slack-send-worker';
import { SlackHandoffConsumer } from './slack-handoff.consumer';

describe('SlackHandoffConsumer (PostgreSQL)', () => {
  let db: TestDatabase;
  let dataSource: DataSource;
  const settings = resolveSlackSettings({
    DEFAULT_TENANT_ID: 'default',
    SLACK_SIGNING_SECRET: 'a-signing-secret',
    SLACK_BOT_TOKEN: 'xoxb-test',
    SLACK_AGENT_CHANNEL: 'CAGENTS',
    SLACK_API_URL: 'http://127.0.0.1:1/api/',
    SLACK_BODY_LIMIT_BYTES: 65_536,
    SLACK_SEND_MAX_ATTEMPTS: 3,
    SLACK_SEND_TIMEOUT_MS: 1_000,
    SLACK_SEND_RETRY_BASE_MS: 10,
    SLACK_SEND_RETRY_MAX_MS: 100,
    SLACK_SEND_POLL_INTERVAL_MS: 50,
    SLACK_EVENT_DEDUPE_HOURS: 24,
    SLACK_QUEUE_LIST_MAX: 20,
  });
  const nudges: number[] = [];
  const worker = { nudgeAfterCommit: () => nudges.push(Date.now()) } as unknown as SlackSendWorker;
  const consumer = new SlackHandoffConsumer(settings, worker);

  beforeAll(async () => {
    Logger.overrideLogger(false);
    useTestFieldKeyRing();
    db = await createTestDatabase();
    dataSource = await openDatabase({
      url: db.url,
      applicationName: 'slack-consumer-test',
      entities: [...busEntities, ...conversationsEntities, ...handoffEntities],
      migrations: [...busMigrations, ...conversationsMigrations, ...handoffMigrations],
    });
    await dataSource.getRepository(TenantEntity).save({ id: 'default', name: 'Default' } as TenantEntity);
  });
  afterAll(async () => {
    await dataSource?.destroy();
    await db?.drop();
  });

  /** A conversation waiting for a person, with its open request. */
  async function waiting(tenantId = 'default'): Promise<ConversationEntity> {
    const conversation = await dataSource.getRepository(ConversationEntity).save({ tenantId, channel: 'web', locale: 'en', status: 'waiting_for_agent' } as ConversationEntity);
    const request = await dataSource
      .getRepository(HandoffRequestEntity)
      .save({ tenantId, conversationId: conversation.id, channel: 'web', trigger: 'customer_request', reason: null, summary: null, requestedAt: new Date() } as HandoffRequestEntity);
    await dataSource.getRepository(ConversationEntity).update({ id: conversation.id }, { openHandoffId: request.id });
    return { ...conversation, openHandoffId: request.id };
  }

  const requested = (c: ConversationEntity) =>
    createEvent('handoff.requested', { tenantId: c.tenantId, conversationId: c.id, payload: { trigger: 'customer_request', reason: null, channel: 'web', locale: 'en', messageId: null, summary: null } });

  /** Handles one event in its own transaction, as the consumer runner does (without the inbox: a redelivery the inbox missed). */
  const handle = (event: AnyEvent) =>
    dataSource.transaction((manager) => consumer.handle(event as never, { manager, attempt: 1, emit: async () => undefined } as HandlerContext));

  const posts = (c: ConversationEntity) => dataSource.getRepository(SlackPostEntity).find({ where: { conversationId: c.id }, order: { seq: 'ASC' } });

  it('posts one card per handoff, however often the request is delivered', async () => {
    const c = await waiting();
    await handle(requested(c));
    await handle(requested(c));
    const event = requested(c);
    await handle(event);
    await handle(event);
    expect(await dataSource.getRepository(SlackThreadEntity).findBy({ conversationId: c.id })).toEqual([
      expect.objectContaining({ handoffId: c.openHandoffId, channelId: 'CAGENTS', state: 'waiting', messageTs: null }),
    ]);
    expect((await posts(c)).map((p) => p.kind)).toEqual(['card']);
  });

  it("posts nothing for another tenant's handoff", async () => {
    const c = await waiting('other');
    await handle(requested(c));
    expect(await posts(c)).toEqual([]);
  });

  it('follows the conversation: a claim updates the card, customer messages go to a claimed thread, a release is noted', async () => {
    const c = await waiting();
    await handle(requested(c));
    const status = (s: 'with_agent' | 'bot' | 'closed', previous: string, agent: { id: string; displayName: string } | null) =>
      createEvent('conversation.status', { tenantId: 'default', conversationId: c.id, payload: { status: s, previousStatus: previous as never, assignedAgent: agent, reason: null } });
    const inbound = (messageId: string) =>
      createEvent('conversation.inbound', {
        tenantId: 'default',
        conversationId: c.id,
        payload: { messageId, channel: 'web', contactId: null, text: 'hi', locale: 'en', clientMessageId: null, channelMessageId: null, attachments: [], receivedAt: new Date().toISOString() },
      });
    const before = crypto.randomUUID();
    await handle(inbound(before));
    const agent = { id: crypto.randomUUID(), displayName: 'Sanne' };
    await handle(status('with_agent', 'waiting_for_agent', agent));
    const after = crypto.randomUUID();
    await handle(inbound(after));
    await handle(status('bot', 'with_agent', null));
    const list = await posts(c);
    expect(list.map((p) => [p.kind, p.params])).toEqual([
      ['card', {}],
      ['card_update', { state: 'claimed', agentName: 'Sanne' }],
      ['message', { messageId: after }],
      ['card_update', { state: 'released' }],
      ['notice', { notice: 'released' }],
    ]);
    expect(await dataSource.getRepository(SlackThreadEntity).findOneBy({ conversationId: c.id })).toMatchObject({ state: 'released', agentId: agent.id });
    expect(nudges.length).toBeGreaterThan(0);
  });
});
