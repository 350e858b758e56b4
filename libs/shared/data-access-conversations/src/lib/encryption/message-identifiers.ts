import type { EntityManager } from 'typeorm';
import { detectPersonalData } from '@pegamento/shared-domain';
import type { FieldKeyRing } from '@pegamento/util-crypto';
import { MessageIdentifierEntity } from '../message-identifier.entity';
import { emailIndex, phoneIndex } from './lookup-index';

type Written = { id: string; tenantId: string; conversationId: string; text: string };

/**
 * The blind indexes of the e-mail addresses and phone numbers in a text (found by the
 * pseudonymiser's validated detectors: e-mail, and phone numbers written with 0, + or 00
 * that fit a numbering plan), one per distinct value.
 */
export function messageIdentifiers(message: Written, ring?: FieldKeyRing): Pick<MessageIdentifierEntity, 'messageId' | 'tenantId' | 'conversationId' | 'kind' | 'bidx'>[] {
  const seen = new Set<string>();
  const rows: Pick<MessageIdentifierEntity, 'messageId' | 'tenantId' | 'conversationId' | 'kind' | 'bidx'>[] = [];
  for (const finding of detectPersonalData(message.text)) {
    if (finding.type !== 'EMAIL' && finding.type !== 'PHONE') continue;
    const kind = finding.type === 'EMAIL' ? 'email' : 'phone';
    const bidx = kind === 'email' ? emailIndex(message.tenantId, finding.key, ring) : phoneIndex(message.tenantId, finding.key, ring);
    if (seen.has(`${kind}:${bidx}`)) continue;
    seen.add(`${kind}:${bidx}`);
    rows.push({ messageId: message.id, tenantId: message.tenantId, conversationId: message.conversationId, kind, bidx });
  }
  return rows;
}

/**
 * Records which e-mail addresses and phone numbers a customer's message contains (as blind
 * indexes), in the caller's transaction. Every place that stores a customer's message calls
 * it, so that an erasure or export finds the conversation by them (R20).
 */
export async function recordMessageIdentifiers(manager: EntityManager, message: Written): Promise<number> {
  const rows = messageIdentifiers(message);
  if (rows.length === 0) return 0;
  await manager.createQueryBuilder().insert().into(MessageIdentifierEntity).values(rows).orIgnore().execute();
  return rows.length;
}
