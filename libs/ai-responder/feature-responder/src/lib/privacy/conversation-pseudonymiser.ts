import type { EntityManager } from 'typeorm';
import { ChannelIdentityEntity, ContactEntity, ConversationEntity, MessageEntity } from '@pegamento/data-access-conversations';
import { Pseudonymiser, type KnownPerson } from '@pegamento/shared-domain';

/**
 * Most messages of a conversation read (oldest first) to number its placeholders. Within
 * one model request the mapping is always consistent; reading the conversation from its
 * start also keeps the numbers the same from one turn to the next, up to this many
 * messages.
 */
export const MAPPING_MESSAGES_LIMIT = 200;

/** A channel address as a known value: `whatsapp:+316…` and SMS numbers are phones, e-mail addresses e-mail. */
function knownFromAddress(identity: Pick<ChannelIdentityEntity, 'channel' | 'address'>): KnownPerson | null {
  const address = identity.address.replace(/^whatsapp:/i, '').trim();
  if (!address) return null;
  if (identity.channel === 'email' || address.includes('@')) return { email: address };
  if (identity.channel === 'sms' || identity.channel === 'whatsapp') return { phone: address };
  return null;
}

/**
 * The conversation's pseudonymiser (R17): seeded with what the platform knows about the
 * contact (name, e-mail, phone from the contacts table and the contact's channel
 * addresses), so those are masked wherever they appear, and with the conversation's
 * messages in order, so a value keeps its placeholder across turns.
 *
 * The mapping is derived again on every call and kept in memory only for that call: it is
 * personal data, and not storing it means there is nothing more to secure, retain or
 * erase (docs/privacy/records-of-processing.md).
 */
export async function pseudonymiserForConversation(manager: EntityManager, tenantId: string, conversationId: string): Promise<Pseudonymiser> {
  const known: KnownPerson[] = [];
  const conversation = await manager.getRepository(ConversationEntity).findOne({ where: { id: conversationId, tenantId }, select: { id: true, contactId: true } });
  if (conversation?.contactId) {
    const contact = await manager.getRepository(ContactEntity).findOne({
      where: { id: conversation.contactId, tenantId },
      select: { id: true, displayName: true, email: true, phone: true },
    });
    if (contact) known.push({ name: contact.displayName, email: contact.email, phone: contact.phone });
    const identities = await manager.getRepository(ChannelIdentityEntity).find({
      where: { contactId: conversation.contactId, tenantId },
      select: { id: true, channel: true, address: true },
    });
    for (const identity of identities) {
      const value = knownFromAddress(identity);
      if (value) known.push(value);
    }
  }
  const pseudonymiser = new Pseudonymiser({ known });
  const messages = await manager.getRepository(MessageEntity).find({
    where: { conversationId, tenantId },
    order: { createdAt: 'ASC', id: 'ASC' },
    take: MAPPING_MESSAGES_LIMIT,
    select: { id: true, text: true },
  });
  for (const message of messages) pseudonymiser.pseudonymise(message.text);
  return pseudonymiser;
}
