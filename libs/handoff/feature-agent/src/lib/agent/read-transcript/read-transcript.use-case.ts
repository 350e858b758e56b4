import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { createEvent, type HandoffTrigger } from '@pegamento/contracts';
import { appendToOutbox } from '@pegamento/data-access-bus';
import {
  ContactEntity,
  ConversationEntity,
  MessageEntity,
  toConversationView,
  toMessageView,
  type ConversationView,
  type MessageView,
} from '@pegamento/data-access-conversations';
import type { AgentPrincipal } from '@pegamento/util-auth';
import { conversationNotFound } from '../../handoff.exception';
import { currentHandoffRequest, summarise } from '../../summary/handoff-request.lookup';
import { actingAgent, conversationId } from '../acting-agent';

export interface HandoffView {
  trigger: HandoffTrigger;
  reason: string | null;
  requestedAt: string;
  outsideHours: boolean;
  claimedAt: string | null;
  firstHumanReplyAt: string | null;
}

/** Who the customer is, as far as the platform knows (for the agent; the read is audited). */
export interface ContactView {
  name: string | null;
  email: string | null;
  phone: string | null;
  locale: string | null;
}

/** A transcript message: the contract's Message plus, on a flagged one, the customer's reason. */
export type TranscriptMessage = MessageView & { flagReason?: string | null };

export interface Transcript {
  conversation: ConversationView;
  messages: TranscriptMessage[];
  /** The customer behind the conversation; null when the channel gave nothing (an anonymous web chat). */
  contact: ContactView | null;
  /** The request's stored summary, or one made now from its trigger and the last messages; null without a request. */
  summary: string | null;
  handoff: HandoffView | null;
}

/**
 * GET /api/v1/agent/conversations/{id}/messages: the whole transcript, oldest first,
 * with the handoff summary. Every read is audited (R22: who read which transcript) by
 * an `audit.recorded` event committed with the read.
 */
@Injectable()
export class ReadTranscriptUseCase {
  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  execute(principal: AgentPrincipal, id: string): Promise<Transcript> {
    const wanted = conversationId(id);
    return this.dataSource.transaction(async (manager) => {
      const user = await actingAgent(manager, principal);
      const conversation = await manager.getRepository(ConversationEntity).findOneBy({ id: wanted, tenantId: principal.tenantId });
      if (!conversation) throw conversationNotFound();
      const messages = await manager.getRepository(MessageEntity).find({
        where: { conversationId: conversation.id, tenantId: conversation.tenantId },
        order: { createdAt: 'ASC', id: 'ASC' },
      });
      const request = await currentHandoffRequest(manager, conversation);
      const contact = conversation.contactId
        ? await manager.getRepository(ContactEntity).findOneBy({ id: conversation.contactId, tenantId: conversation.tenantId })
        : null;
      await appendToOutbox(manager, [
        createEvent('audit.recorded', {
          tenantId: conversation.tenantId,
          conversationId: conversation.id,
          payload: { action: 'transcript.read', actor: { type: user.role, id: user.id }, reason: null, details: {} },
        }),
      ]);
      return {
        conversation: toConversationView(conversation),
        messages: messages.map((m) => (m.flagged ? { ...toMessageView(m), flagReason: m.flagReason } : toMessageView(m))),
        contact: contact ? { name: contact.displayName, email: contact.email, phone: contact.phone, locale: contact.locale } : null,
        summary: request ? (request.summary ?? summarise(request, messages)) : null,
        handoff: request
          ? {
              trigger: request.trigger,
              reason: request.reason,
              requestedAt: request.requestedAt.toISOString(),
              outsideHours: request.outsideHours,
              claimedAt: request.claimedAt?.toISOString() ?? null,
              firstHumanReplyAt: request.firstHumanReplyAt?.toISOString() ?? null,
            }
          : null,
      };
    });
  }
}
