import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { createEvent, type Channel } from '@pegamento/contracts';
import { appendToOutbox } from '@pegamento/data-access-bus';
import { lockConversation, MessageEntity, toMessageView, type MessageView } from '@pegamento/data-access-conversations';
import type { AgentPrincipal } from '@pegamento/util-auth';
import { HANDOFF_FEATURE_CONFIG, type HandoffFeatureConfig } from '../../handoff-feature.config';
import { HandoffErrorCode, HandoffException } from '../../handoff.exception';
import { HandoffMetrics } from '../../metrics/handoff.metrics';
import { actingAgent, conversationId } from '../acting-agent';
import { assertAgentMaySend, DEFAULT_WHATSAPP_WINDOW_HOURS } from './channel-checks';

/** An approved WhatsApp template, already rendered into the message text. */
export interface AgentTemplate {
  name: string;
  variables: Record<string, string>;
}

/**
 * POST /api/v1/agent/conversations/{id}/messages: the agent's message, stored as
 * theirs (author type `agent`, never AI-generated: R04) and announced as
 * `agent.reply` in the same transaction. The policy service consumes that event,
 * says who answers now when the speaker changed (R06) and sends it on the
 * conversation's channel: nothing goes to the customer from here.
 *
 * The first reply after a request for a person sets `first_human_reply_at` and is
 * measured as `pegamento_time_to_human_seconds` (R12).
 */
@Injectable()
export class SendAgentReplyUseCase {
  constructor(
    @Inject(DataSource) private readonly dataSource: DataSource,
    @Inject(HandoffMetrics) private readonly metrics: HandoffMetrics,
    @Inject(HANDOFF_FEATURE_CONFIG) private readonly config: HandoffFeatureConfig,
  ) {}

  async execute(principal: AgentPrincipal, id: string, text: string, now = new Date(), template?: AgentTemplate): Promise<MessageView> {
    const wanted = conversationId(id);
    const { message, firstReply } = await this.dataSource.transaction(async (manager) => {
      const agent = await actingAgent(manager, principal);
      const conversation = await lockConversation(manager, principal.tenantId, wanted);
      if (conversation.status !== 'with_agent') {
        throw new HandoffException(HandoffErrorCode.Conflict, 'Claim this conversation first: only the agent who has it can reply.');
      }
      if (conversation.assignedAgentId !== agent.id && agent.role !== 'admin') {
        throw new HandoffException(HandoffErrorCode.Conflict, 'Another agent has this conversation: only they (or an admin) can reply.');
      }
      await assertAgentMaySend(manager, conversation, template ? 'template' : 'text', this.config.WHATSAPP_WINDOW_HOURS ?? DEFAULT_WHATSAPP_WINDOW_HOURS, now);
      const messages = manager.getRepository(MessageEntity);
      const saved = await messages.save(
        messages.create({
          tenantId: conversation.tenantId,
          conversationId: conversation.id,
          direction: 'outbound',
          authorType: 'agent',
          authorId: agent.id,
          authorDisplayName: agent.displayName,
          aiGenerated: false,
          text,
          locale: conversation.locale,
          // The customer sees it once the policy released it (DeliverAgentReplyUseCase).
          releasedAt: null,
          sources: [],
          flagged: false,
          flagReason: null,
          clientMessageId: null,
          channelMessageId: null,
          deliveryStatus: null,
        }),
      );
      await appendToOutbox(manager, [
        createEvent('agent.reply', {
          tenantId: conversation.tenantId,
          conversationId: conversation.id,
          payload: {
            messageId: saved.id,
            agent: { id: agent.id, displayName: agent.displayName },
            channel: conversation.channel,
            text,
            fromAiDraft: false,
            ...(template ? { template } : {}),
          },
        }),
      ]);
      let firstReply: { channel: Channel; seconds: number } | null = null;
      if (conversation.openHandoffId) {
        const rows = (await manager.query(
          `UPDATE handoff_requests SET first_human_reply_at = $2
           WHERE id = $1 AND first_human_reply_at IS NULL
           RETURNING requested_at, channel`,
          [conversation.openHandoffId, now],
        )) as [{ requested_at: Date; channel: Channel }[], number];
        const row = rows[0][0];
        if (row) firstReply = { channel: row.channel, seconds: (now.getTime() - new Date(row.requested_at).getTime()) / 1_000 };
      }
      return { message: saved, firstReply };
    });
    // Measured once the reply is committed, so a rolled-back one is not counted.
    if (firstReply) this.metrics.observeTimeToHuman(firstReply.channel, firstReply.seconds);
    return toMessageView(message);
  }
}
