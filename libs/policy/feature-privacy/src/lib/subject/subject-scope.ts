import type { EntityManager } from 'typeorm';
import { addressIndex, emailIndex, phoneIndex } from '@pegamento/data-access-conversations';
import type { Subject } from './subject';

/** Everything that belongs to one data subject in one tenant, by id. */
export interface SubjectScope {
  contactIds: string[];
  identityIds: string[];
  conversationIds: string[];
}

/**
 * Finds a person's data: contacts with that e-mail or phone, their channel identities
 * (`whatsapp:+31…`, `+31…`, the address), the conversations of either, and conversations in
 * which the customer wrote that e-mail address or phone number (in any notation) themselves.
 *
 * Contacts, addresses and message texts are encrypted (ADR 0015): every comparison is by
 * keyed blind index. What a customer wrote is found through `message_identifiers`, the
 * indexes of the e-mail addresses and phone numbers detected in each customer message when
 * it was stored (phone numbers in E.164, so any notation matches).
 */
export async function findSubjectScope(manager: EntityManager, tenantId: string, subject: Subject): Promise<SubjectScope> {
  const email = subject.email ? emailIndex(tenantId, subject.email) : null;
  const phone = subject.phone ? phoneIndex(tenantId, subject.phone) : null;
  const addresses = [subject.email, subject.phone, subject.phone && `whatsapp:${subject.phone}`]
    .filter((a): a is string => !!a)
    .map((a) => addressIndex(tenantId, a));
  const contacts = (await manager.query(`SELECT id FROM contacts WHERE tenant_id = $1 AND (email_bidx = $2 OR phone_bidx = $3)`, [tenantId, email, phone])) as { id: string }[];
  const contactIds = contacts.map((c) => c.id);
  const identities = (await manager.query(
    `SELECT id, contact_id FROM contact_channel_identities WHERE tenant_id = $1 AND (contact_id = ANY($2::uuid[]) OR address_bidx = ANY($3::text[]))`,
    [tenantId, contactIds, addresses],
  )) as { id: string; contact_id: string }[];
  for (const identity of identities) if (!contactIds.includes(identity.contact_id)) contactIds.push(identity.contact_id);
  const identityIds = identities.map((i) => i.id);
  const conversations = (await manager.query(
    `SELECT id FROM conversations WHERE tenant_id = $1 AND (contact_id = ANY($2::uuid[]) OR channel_identity_id = ANY($3::uuid[]))
     UNION
     SELECT DISTINCT conversation_id FROM message_identifiers
      WHERE tenant_id = $1 AND ((kind = 'email' AND bidx = $4) OR (kind = 'phone' AND bidx = $5))`,
    [tenantId, contactIds, identityIds, email, phone],
  )) as { id: string }[];
  return { contactIds, identityIds, conversationIds: conversations.map((c) => c.id) };
}
