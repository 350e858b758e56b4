import type { EntityManager } from 'typeorm';
import { IsNull, Not } from 'typeorm';
import { ContactEntity, ConversationEntity, MessageEntity, toCustomerMessageView } from '@pegamento/data-access-conversations';
import type { CrmTranscript } from '@pegamento/crm-sync-domain';

/**
 * A conversation as it goes to a CRM: what the customer saw (released messages, in release
 * order, the newest `maxMessages`), who the contact is, and when it started and closed.
 * Null when the conversation is gone (erased): nothing to send.
 */
export async function readTranscript(manager: EntityManager, tenantId: string, conversationId: string, maxMessages: number): Promise<CrmTranscript | null> {
  const conversation = await manager.getRepository(ConversationEntity).findOneBy({ tenantId, id: conversationId });
  if (!conversation) return null;
  const contact = conversation.contactId ? await manager.getRepository(ContactEntity).findOneBy({ id: conversation.contactId }) : null;
  const messages = manager.getRepository(MessageEntity);
  const total = await messages.countBy({ conversationId, releasedAt: Not(IsNull()) });
  const newest = await messages.find({ where: { conversationId, releasedAt: Not(IsNull()) }, order: { releasedAt: 'DESC', id: 'DESC' }, take: maxMessages });
  const views = newest.reverse().map(toCustomerMessageView);
  return {
    conversationId,
    tenantId,
    channel: conversation.channel,
    locale: conversation.locale,
    startedAt: conversation.createdAt.toISOString(),
    closedAt: conversation.updatedAt.toISOString(),
    contact: contact ? { id: contact.id, displayName: contact.displayName, email: contact.email, phone: contact.phone } : null,
    messages: views.map((m) => ({ id: m.id, direction: m.direction, author: m.author, aiGenerated: m.aiGenerated, text: m.text, createdAt: m.createdAt })),
    omitted: Math.max(0, total - views.length),
  };
}
