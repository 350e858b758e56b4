import type { EntityManager } from 'typeorm';
import { createEvent } from '@pegamento/contracts';
import { appendToOutbox } from '@pegamento/data-access-bus';
import { MessageEntity } from '@pegamento/data-access-conversations';

/**
 * Stores where an outbound mail is on its message (what agents see: `pending`, `sent`,
 * `failed` with the reason) and emits `delivery.status` for a final state. Runs in the
 * caller's transaction.
 */
export async function recordMailDelivery(
  manager: EntityManager,
  message: Pick<MessageEntity, 'id' | 'tenantId' | 'conversationId'>,
  outcome: { status: 'sent'; headerMessageId: string } | { status: 'failed'; headerMessageId: string | null; code: string; message: string },
): Promise<void> {
  if (outcome.status === 'sent') {
    await manager
      .getRepository(MessageEntity)
      .update({ id: message.id }, { deliveryStatus: 'sent', channelMessageId: outcome.headerMessageId, deliveryErrorCode: null, deliveryErrorMessage: null });
  } else {
    await manager.getRepository(MessageEntity).update({ id: message.id }, { deliveryStatus: 'failed', deliveryErrorCode: outcome.code, deliveryErrorMessage: outcome.message });
  }
  await appendToOutbox(manager, [
    createEvent('delivery.status', {
      tenantId: message.tenantId,
      conversationId: message.conversationId,
      payload: {
        messageId: message.id,
        channel: 'email',
        providerMessageId: outcome.headerMessageId ?? '',
        status: outcome.status,
        errorCode: outcome.status === 'failed' ? outcome.code.slice(0, 64) : null,
        ...(outcome.status === 'failed' ? { errorMessage: outcome.message.slice(0, 1_000) } : {}),
      },
    }),
  ]);
}
