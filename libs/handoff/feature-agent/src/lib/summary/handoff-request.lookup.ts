import type { EntityManager } from 'typeorm';
import { HandoffRequestEntity, MessageEntity, type ConversationEntity } from '@pegamento/data-access-conversations';
import { buildHandoffSummary, SUMMARY_MESSAGE_COUNT } from './handoff-summary';

/** The conversation's open request for a person, else its latest one, else null. */
export async function currentHandoffRequest(manager: EntityManager, conversation: ConversationEntity): Promise<HandoffRequestEntity | null> {
  const requests = manager.getRepository(HandoffRequestEntity);
  if (conversation.openHandoffId) {
    const open = await requests.findOneBy({ id: conversation.openHandoffId, tenantId: conversation.tenantId });
    if (open) return open;
  }
  return requests.findOne({
    where: { conversationId: conversation.id, tenantId: conversation.tenantId },
    order: { requestedAt: 'DESC' },
  });
}

/** The last messages of a conversation, oldest first. */
export async function lastMessages(manager: EntityManager, conversationId: string, count = SUMMARY_MESSAGE_COUNT): Promise<MessageEntity[]> {
  const newestFirst = await manager.getRepository(MessageEntity).find({
    where: { conversationId },
    order: { createdAt: 'DESC', id: 'DESC' },
    take: count,
  });
  return newestFirst.reverse();
}

/** A summary of the request from its trigger and the transcript's last messages. */
export function summarise(request: HandoffRequestEntity, messages: readonly MessageEntity[]): string {
  return buildHandoffSummary({ trigger: request.trigger, reason: request.reason, outsideHours: request.outsideHours, messages });
}
