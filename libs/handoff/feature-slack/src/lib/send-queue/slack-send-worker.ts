import { Inject, Injectable, Logger, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { isUuid } from '@pegamento/contracts';
import { ConversationEntity, HandoffRequestEntity, MessageEntity, SendQueueLoop } from '@pegamento/data-access-conversations';
import { SlackDeletionEntity, SlackPostEntity, SlackThreadEntity, type SlackPostKind, type SlackThreadState } from '@pegamento/handoff-data-access';
import { nextRetryDelayMs } from '@pegamento/util-http';
import { renderCard, renderCustomerMessage, renderNotice, renderTranscript, type NoticeKind, type SlackMessage } from '../rendering/slack-blocks';
import { SLACK_AGENT_DESK, type SlackAgentDesk } from '../agent-desk.port';
import { SLACK_SETTINGS, type SlackSettings } from '../slack.config';
import { SlackClient } from './slack-client';
import { classifySlackError } from './slack-errors';

interface ClaimedPost {
  id: string;
  thread_id: string;
  tenant_id: string;
  conversation_id: string;
  kind: SlackPostKind;
  params: Record<string, string>;
  attempts: number;
}

interface ClaimedDeletion {
  id: string;
  channel_id: string;
  message_ts: string;
  attempts: number;
}

/** One Web API call a post becomes, or nothing left to send (the message was erased meanwhile). */
type Call = { method: 'post'; threadTs: string | null; message: SlackMessage } | { method: 'update'; ts: string; message: SlackMessage } | { method: 'skip'; reason: string };

/** How often processed event ids older than SLACK_EVENT_DEDUPE_HOURS are deleted. */
const DEDUPE_SWEEP_MS = 60_000;

/**
 * The Slack send queue's worker (ADR 0017): posts the cards, card updates, transcripts,
 * customer messages and notices, one thread strictly in order (the card before anything in
 * its thread), other threads at once. A 429 waits its Retry-After, a 5xx or no answer
 * backs off from SLACK_SEND_RETRY_BASE_MS, both capped at SLACK_SEND_RETRY_MAX_MS, for
 * at most SLACK_SEND_MAX_ATTEMPTS tries; then the post is marked failed and logged. The
 * handoff itself lives in the database and the console whatever Slack does. Texts are
 * rendered from the database when sent, so the queue holds none. It also deletes from Slack
 * what an erasure queued (slack_deletions, R20), with the same retries.
 */
@Injectable()
export class SlackSendWorker implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(SlackSendWorker.name);
  private readonly loop: SendQueueLoop;
  private lastSweep = 0;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(SLACK_SETTINGS) private readonly settings: SlackSettings,
    @Inject(SlackClient) private readonly client: SlackClient,
    @Inject(SLACK_AGENT_DESK) private readonly desk: SlackAgentDesk,
  ) {
    this.loop = new SendQueueLoop(() => this.tick(), settings.send.pollIntervalMs, (error) => this.logger.error({ err: error }, 'Slack send queue tick failed'));
  }

  onApplicationBootstrap(): void {
    if (this.client.web) this.loop.start();
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.loop.stop();
  }

  /** Look at the queue soon (after the caller's transaction committed) rather than at the next poll. */
  nudgeAfterCommit(): void {
    setTimeout(() => this.loop.nudge(), 10).unref();
  }

  /** Sends what is due now; returns how many posts it tried. */
  async tick(): Promise<number> {
    if (!this.client.web) return 0;
    await this.sweepEvents();
    const claimed = await this.claim();
    const deletions = await this.claimDeletions();
    await Promise.all([...claimed.map((post) => this.sendOne(post)), ...deletions.map((d) => this.deleteOne(d))]);
    return claimed.length + deletions.length;
  }

  private async sweepEvents(): Promise<void> {
    if (Date.now() - this.lastSweep < DEDUPE_SWEEP_MS) return;
    this.lastSweep = Date.now();
    await this.dataSource.query(`DELETE FROM slack_events WHERE received_at < now() - ($1::int * interval '1 hour')`, [this.settings.eventDedupeHours]);
  }

  /** The oldest due post of each thread whose earlier posts are all done, leased to this worker. */
  private async claim(): Promise<ClaimedPost[]> {
    const [rows] = (await this.dataSource.query(
      `UPDATE slack_posts SET state = 'sending', attempts = attempts + 1,
              lease_until = now() + ($1::bigint * interval '1 millisecond'), updated_at = now()
        WHERE id IN (
          SELECT p.id FROM slack_posts p
           WHERE ((p.state = 'pending' AND p.next_attempt_at <= now()) OR (p.state = 'sending' AND p.lease_until < now()))
             AND NOT EXISTS (
               SELECT 1 FROM slack_posts e
                WHERE e.thread_id = p.thread_id AND e.seq < p.seq AND e.state IN ('pending', 'sending'))
           ORDER BY p.seq
           LIMIT 8
           FOR UPDATE SKIP LOCKED)
        RETURNING id, thread_id, tenant_id, conversation_id, kind, params, attempts`,
      [this.settings.send.leaseMs],
    )) as [ClaimedPost[], number];
    return rows;
  }

  /** Due deletions of erased conversations' messages, each leased (pushed back) while it is tried. */
  private async claimDeletions(): Promise<ClaimedDeletion[]> {
    const [rows] = (await this.dataSource.query(
      `UPDATE slack_deletions SET attempts = attempts + 1, next_attempt_at = now() + ($1::bigint * interval '1 millisecond')
        WHERE id IN (
          SELECT id FROM slack_deletions WHERE state = 'pending' AND next_attempt_at <= now()
           ORDER BY created_at LIMIT 8 FOR UPDATE SKIP LOCKED)
        RETURNING id, channel_id, message_ts, attempts`,
      [this.settings.send.leaseMs],
    )) as [ClaimedDeletion[], number];
    return rows;
  }

  /** chat.delete of one message an erased conversation left in Slack; gone already counts as done. */
  private async deleteOne(deletion: ClaimedDeletion): Promise<void> {
    const deletions = this.dataSource.getRepository(SlackDeletionEntity);
    try {
      try {
        await this.client.web!.chat.delete({ channel: deletion.channel_id, ts: deletion.message_ts });
      } catch (error) {
        if (classifySlackError(error).code !== 'message_not_found') throw error;
      }
      await deletions.delete({ id: deletion.id });
    } catch (error) {
      const failure = classifySlackError(error);
      const delay = failure.retryable
        ? nextRetryDelayMs(deletion.attempts, { maxAttempts: this.settings.send.maxAttempts, baseDelayMs: this.settings.send.retryBaseMs, maxDelayMs: this.settings.send.retryMaxMs }, failure.retryAfterMs)
        : null;
      if (delay !== null) {
        await deletions.update({ id: deletion.id }, { nextAttemptAt: new Date(Date.now() + delay), lastError: failure.code });
        this.logger.warn({ deletionId: deletion.id, attempt: deletion.attempts, code: failure.code, retryInMs: delay }, 'Slack chat.delete failed; will retry');
      } else {
        await deletions.update({ id: deletion.id }, { state: 'failed', lastError: failure.code });
        this.logger.error({ deletionId: deletion.id, code: failure.code }, 'Slack chat.delete failed for good: delete the message in Slack by hand');
      }
    }
  }

  private async sendOne(post: ClaimedPost): Promise<void> {
    try {
      const thread = await this.dataSource.getRepository(SlackThreadEntity).findOneBy({ id: post.thread_id });
      const call = thread ? await this.render(post, thread) : ({ method: 'skip', reason: 'thread_gone' } as const);
      if (call.method === 'skip') {
        await this.finish(post, 'sent', call.reason);
        return;
      }
      const web = this.client.web!;
      const channel = thread!.channelId;
      if (call.method === 'update') {
        await web.chat.update({ channel, ts: call.ts, text: call.message.text, blocks: call.message.blocks });
      } else {
        const result = await web.chat.postMessage({
          channel,
          text: call.message.text,
          blocks: call.message.blocks,
          ...(call.threadTs ? { thread_ts: call.threadTs } : {}),
          unfurl_links: false,
          unfurl_media: false,
        });
        if (post.kind === 'card' && result.ts) {
          await this.dataSource.getRepository(SlackThreadEntity).update({ id: post.thread_id }, { messageTs: result.ts, channelId: result.channel ?? channel });
        }
        // Kept so that an erasure can delete it from Slack again (slack_deletions).
        if (result.ts) await this.dataSource.getRepository(SlackPostEntity).update({ id: post.id }, { postedTs: result.ts });
      }
      await this.finish(post, 'sent', null);
    } catch (error) {
      await this.failed(post, error).catch((e: unknown) => this.logger.error({ err: e, postId: post.id }, 'could not record a Slack send failure'));
    }
  }

  private async failed(post: ClaimedPost, error: unknown): Promise<void> {
    const failure = classifySlackError(error);
    const delay = failure.retryable
      ? nextRetryDelayMs(post.attempts, { maxAttempts: this.settings.send.maxAttempts, baseDelayMs: this.settings.send.retryBaseMs, maxDelayMs: this.settings.send.retryMaxMs }, failure.retryAfterMs)
      : null;
    const fields = { postId: post.id, kind: post.kind, conversationId: post.conversation_id, tenantId: post.tenant_id, attempt: post.attempts, code: failure.code };
    if (delay !== null) {
      await this.dataSource.getRepository(SlackPostEntity).update({ id: post.id }, { state: 'pending', nextAttemptAt: new Date(Date.now() + delay), leaseUntil: null, lastError: failure.code });
      this.logger.warn({ ...fields, retryInMs: delay }, 'Slack call failed; will retry');
      return;
    }
    await this.finish(post, 'failed', failure.code);
    this.logger.error(fields, 'Slack call failed for good; the handoff is still in the console');
  }

  private async finish(post: ClaimedPost, state: 'sent' | 'failed', lastError: string | null): Promise<void> {
    await this.dataSource.getRepository(SlackPostEntity).update({ id: post.id }, { state, leaseUntil: null, lastError });
  }

  /** The post's Web API call, its text read from the database now. */
  private async render(post: ClaimedPost, thread: SlackThreadEntity): Promise<Call> {
    const manager = this.dataSource.manager;
    const conversation = await manager.getRepository(ConversationEntity).findOneBy({ id: post.conversation_id, tenantId: post.tenant_id });
    if (!conversation) return { method: 'skip', reason: 'conversation_gone' };
    if (post.kind === 'card' || post.kind === 'card_update') {
      const request = await manager.getRepository(HandoffRequestEntity).findOneBy({ id: thread.handoffId, tenantId: post.tenant_id });
      const state = (post.kind === 'card_update' ? post.params['state'] : thread.state) as SlackThreadState;
      const message = renderCard({
        conversationId: conversation.id,
        channel: conversation.channel,
        locale: conversation.locale,
        trigger: request?.trigger ?? 'customer_request',
        reason: request?.reason ?? null,
        waitingSince: request?.requestedAt ?? conversation.updatedAt,
        outsideHours: request?.outsideHours ?? false,
        summary: await this.desk.summary(post.tenant_id, conversation.id),
        state,
        agentName: post.kind === 'card_update' ? (post.params['agentName'] ?? null) : conversation.assignedAgentName,
      });
      if (post.kind === 'card') return { method: 'post', threadTs: null, message };
      return thread.messageTs ? { method: 'update', ts: thread.messageTs, message } : { method: 'skip', reason: 'no_card' };
    }
    if (!thread.messageTs) return { method: 'skip', reason: 'no_card' };
    switch (post.kind) {
      case 'transcript': {
        const messages = await manager.getRepository(MessageEntity).find({
          where: { conversationId: conversation.id, tenantId: conversation.tenantId },
          order: { createdAt: 'ASC', id: 'ASC' },
        });
        const summary = await this.desk.summary(post.tenant_id, conversation.id);
        return { method: 'post', threadTs: thread.messageTs, message: renderTranscript(conversation.id, messages, post.params['agentName'] ?? 'the agent', summary) };
      }
      case 'message': {
        const messageId = post.params['messageId'];
        const message = messageId && isUuid(messageId) ? await manager.getRepository(MessageEntity).findOneBy({ id: messageId, tenantId: post.tenant_id }) : null;
        if (!message) return { method: 'skip', reason: 'message_gone' };
        return { method: 'post', threadTs: thread.messageTs, message: renderCustomerMessage(message.text) };
      }
      case 'notice':
        return { method: 'post', threadTs: thread.messageTs, message: renderNotice(post.params['notice'] as NoticeKind, post.params['agentName'] ?? null, post.params['detail'] ?? null) };
      default:
        return { method: 'skip', reason: 'unknown_kind' };
    }
  }
}
