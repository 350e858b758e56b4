import { Inject, Injectable, Logger } from '@nestjs/common';
import { isUuid, type AnyEvent, type EventOf } from '@pegamento/contracts';
import { EventConsumer, type EventHandlerDefinition, type HandlerContext } from '@pegamento/data-access-bus';
import { ConversationEntity } from '@pegamento/data-access-conversations';
import { UserEntity, type SlackThreadState } from '@pegamento/handoff-data-access';
import { SLACK_SETTINGS, type SlackSettings } from '../slack.config';
import { latestThread, queueSlackPost } from '../send-queue/slack-posts';
import { SlackSendWorker } from '../send-queue/slack-send-worker';

type Watched = 'handoff.requested' | 'handoff.summarized' | 'conversation.inbound' | 'conversation.status';

const STATE_OF: Partial<Record<string, SlackThreadState>> = { with_agent: 'claimed', bot: 'released', closed: 'closed', waiting_for_agent: 'waiting' };

/**
 * Group `handoff-slack`: what the agents' Slack channel shows. A new request for a
 * person becomes one card (one per handoff: `slack_threads.handoff_id` is unique, so a
 * redelivered event posts nothing more); a customer message in a claimed conversation
 * goes into the card's thread; a state change (from Slack or the console) updates the
 * card and says so in the thread; a model's summary that arrives after the card (ai-responder
 * writes it after the request) updates the card too. Only queues posts (ADR 0017): Slack is never called
 * inside a bus handler, so a slow or failing Slack holds up neither the bus nor the console.
 */
@Injectable()
@EventConsumer()
export class SlackHandoffConsumer implements EventHandlerDefinition<Watched> {
  readonly group = 'handoff-slack';
  readonly types = ['handoff.requested', 'handoff.summarized', 'conversation.inbound', 'conversation.status'] as const;
  private readonly logger = new Logger(SlackHandoffConsumer.name);

  constructor(
    @Inject(SLACK_SETTINGS) private readonly settings: SlackSettings,
    @Inject(SlackSendWorker) private readonly worker: SlackSendWorker,
  ) {}

  async handle(event: EventOf<Watched>, { manager }: HandlerContext): Promise<void> {
    if (!this.settings.enabled || event.tenantId !== this.settings.tenantId || !isUuid(event.conversationId)) return;
    const e = event as AnyEvent;
    let queued = false;
    switch (e.type) {
      case 'handoff.requested':
        queued = await this.postCard(e.tenantId, e.conversationId, manager);
        break;
      case 'handoff.summarized': {
        // The card of that request, if it was posted (or queued) already; a card queued later renders the summary itself.
        const [thread] = (await manager.query(`SELECT id, state, agent_id FROM slack_threads WHERE tenant_id = $1 AND handoff_id = $2`, [e.tenantId, e.payload.handoffId])) as {
          id: string;
          state: SlackThreadState;
          agent_id: string | null;
        }[];
        if (!thread) return;
        const agentName = thread.agent_id ? ((await manager.getRepository(UserEntity).findOneBy({ id: thread.agent_id }))?.displayName ?? null) : null;
        await queueSlackPost(manager, { tenantId: e.tenantId, conversationId: e.conversationId, threadId: thread.id, kind: 'card_update', params: { state: thread.state, ...(agentName ? { agentName } : {}) } });
        queued = true;
        break;
      }
      case 'conversation.inbound': {
        const thread = await latestThread(manager, e.tenantId, e.conversationId);
        if (!thread || thread.state !== 'claimed' || !isUuid(e.payload.messageId)) return;
        await queueSlackPost(manager, { tenantId: e.tenantId, conversationId: e.conversationId, threadId: thread.id, kind: 'message', params: { messageId: e.payload.messageId } });
        queued = true;
        break;
      }
      case 'conversation.status': {
        const thread = await latestThread(manager, e.tenantId, e.conversationId);
        const state = STATE_OF[e.payload.status];
        if (!thread || !state || state === thread.state) return;
        const newAgentId = state === 'claimed' ? (e.payload.assignedAgent?.id ?? null) : thread.agentId;
        // Who acted: the new holder on a claim, else the one who held it (the event names no actor).
        const agentName =
          state === 'claimed'
            ? (e.payload.assignedAgent?.displayName ?? null)
            : thread.agentId
              ? ((await manager.getRepository(UserEntity).findOneBy({ id: thread.agentId }))?.displayName ?? null)
              : null;
        // Another agent took it (in the console): the Slack user who claimed it may no longer reply
        // from the thread. Compared in the UPDATE, on the row as committed: a Slack claim may be
        // writing its agent and Slack user at this moment.
        await manager.query(
          `UPDATE slack_threads SET state = $2, agent_id = $3,
                  slack_user_id = CASE WHEN agent_id IS DISTINCT FROM $3::uuid THEN NULL ELSE slack_user_id END, updated_at = now()
            WHERE id = $1`,
          [thread.id, state, newAgentId],
        );
        const base = { tenantId: e.tenantId, conversationId: e.conversationId, threadId: thread.id };
        await queueSlackPost(manager, { ...base, kind: 'card_update', params: { state, ...(agentName ? { agentName } : {}) } });
        if (state === 'released' || state === 'closed') {
          await queueSlackPost(manager, { ...base, kind: 'notice', params: { notice: state, ...(agentName ? { agentName } : {}) } });
        }
        queued = true;
        break;
      }
      default:
        return;
    }
    if (queued) this.worker.nudgeAfterCommit();
  }

  private async postCard(tenantId: string, conversationId: string, manager: HandlerContext['manager']): Promise<boolean> {
    const conversation = await manager.getRepository(ConversationEntity).findOneBy({ id: conversationId, tenantId });
    if (!conversation?.openHandoffId || conversation.status === 'closed') return false;
    const inserted = (await manager.query(
      `INSERT INTO slack_threads (tenant_id, conversation_id, handoff_id, channel_id, state)
       VALUES ($1, $2, $3, $4, $5) ON CONFLICT (handoff_id) DO NOTHING RETURNING id`,
      [tenantId, conversationId, conversation.openHandoffId, this.settings.channelId, STATE_OF[conversation.status] ?? 'waiting'],
    )) as { id: string }[];
    const threadId = inserted[0]?.id;
    if (!threadId) {
      this.logger.debug({ conversationId, tenantId }, 'handoff already has a Slack card');
      return false;
    }
    await queueSlackPost(manager, { tenantId, conversationId, threadId, kind: 'card' });
    return true;
  }
}
