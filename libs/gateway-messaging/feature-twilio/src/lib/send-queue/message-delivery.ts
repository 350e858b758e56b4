import type { EntityManager } from 'typeorm';
import { createEvent } from '@pegamento/contracts';
import { appendToOutbox } from '@pegamento/data-access-bus';
import { MessageDeliveryEntity, MessageEntity } from '@pegamento/data-access-conversations';
import { aggregateDeliveryStatus, type DeliveryStatus, type MessageDeliveryStatus } from '@pegamento/gateway-messaging-domain';

/** The status of a part: its provider status once Twilio has it, else the queue's. */
function partStatus(part: MessageDeliveryEntity): MessageDeliveryStatus {
  if (part.state === 'failed') return 'failed';
  if (part.providerStatus) return part.providerStatus as MessageDeliveryStatus;
  return part.state === 'sent' ? 'queued' : 'pending';
}

/**
 * Folds the parts of a message into its delivery status and error (what agents see),
 * and emits `delivery.status` when that changed. Runs in the caller's transaction.
 */
export async function refreshMessageDelivery(manager: EntityManager, messageId: string): Promise<void> {
  const message = await manager.getRepository(MessageEntity).findOneBy({ id: messageId });
  if (!message) return;
  const parts = await manager.getRepository(MessageDeliveryEntity).find({ where: { messageId }, order: { part: 'ASC' } });
  const status = aggregateDeliveryStatus(parts.map(partStatus));
  if (!status) return;
  const failedPart = parts.find((p) => p.state === 'failed' || p.providerStatus === 'failed' || p.providerStatus === 'undelivered');
  const firstSid = parts.find((p) => p.providerMessageId)?.providerMessageId ?? null;
  const errorCode = failedPart?.errorCode ?? null;
  const errorMessage = failedPart?.errorMessage ?? null;
  if (message.deliveryStatus === status && message.deliveryErrorCode === errorCode && message.channelMessageId === firstSid) return;
  await manager.getRepository(MessageEntity).update(
    { id: messageId },
    { deliveryStatus: status, deliveryErrorCode: errorCode, deliveryErrorMessage: errorMessage, channelMessageId: firstSid },
  );
  if (status === 'pending' || message.deliveryStatus === status) return;
  await emitDeliveryStatus(manager, message, status, firstSid, errorCode, errorMessage);
}

export async function emitDeliveryStatus(
  manager: EntityManager,
  message: Pick<MessageEntity, 'id' | 'tenantId' | 'conversationId'>,
  status: DeliveryStatus,
  providerMessageId: string | null,
  errorCode: string | null,
  errorMessage: string | null,
): Promise<void> {
  const delivery = await manager.getRepository(MessageDeliveryEntity).findOne({ where: { messageId: message.id }, select: { channel: true } });
  await appendToOutbox(manager, [
    createEvent('delivery.status', {
      tenantId: message.tenantId,
      conversationId: message.conversationId,
      payload: {
        messageId: message.id,
        channel: delivery?.channel ?? 'sms',
        providerMessageId: providerMessageId ?? '',
        status,
        errorCode: errorCode?.slice(0, 64) ?? null,
        ...(errorMessage ? { errorMessage: errorMessage.slice(0, 1_000) } : {}),
      },
    }),
  ]);
}
