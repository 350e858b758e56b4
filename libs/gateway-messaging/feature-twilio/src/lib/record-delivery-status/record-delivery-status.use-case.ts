import { Injectable } from '@nestjs/common';
import { isUuid } from '@pegamento/contracts';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { z } from 'zod';
import { MessageDeliveryEntity } from '@pegamento/data-access-conversations';
import { fromTwilioStatus, isFailure, mergeDeliveryStatus, twilioErrorMessage, type MessageDeliveryStatus } from '@pegamento/gateway-messaging-domain';
import { TwilioErrorCode, TwilioException } from '../twilio-messaging.exception';
import { refreshMessageDelivery } from '../send-queue/message-delivery';
import type { FormParams } from '../webhook/twilio-request';

const statusFormSchema = z.object({
  MessageSid: z.string().regex(/^(SM|MM)[0-9a-fA-F]{32}$/, 'a Twilio MessageSid (SM/MM + 32 hex)'),
  MessageStatus: z.string().max(64).optional(),
  SmsStatus: z.string().max(64).optional(),
  ErrorCode: z.string().max(64).optional(),
  ErrorMessage: z.string().max(1_000).optional(),
});

/**
 * Twilio's status callback for a message part we sent: the part's status moves
 * forward only (callbacks come out of order and twice), the message's status and
 * error follow, and `delivery.status` tells the rest of the platform. A callback for
 * a message we do not know changes nothing.
 */
@Injectable()
export class RecordDeliveryStatusUseCase {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** `deliveryId`: the `d` of the callback URL we gave Twilio for the part. */
  async execute(params: FormParams, deliveryId?: unknown): Promise<{ known: boolean }> {
    const parsed = statusFormSchema.safeParse(params);
    if (!parsed.success) {
      const problems = parsed.error.issues.map((i) => `${i.path.join('.') || 'form'}: ${i.message}`);
      throw new TwilioException(TwilioErrorCode.InvalidRequest, `The status callback is not valid: ${problems.join('; ')}`);
    }
    const form = parsed.data;
    const incoming = fromTwilioStatus(form.MessageStatus ?? form.SmsStatus);
    if (!incoming) return { known: false };
    return this.dataSource.transaction(async (manager) => {
      const deliveries = manager.getRepository(MessageDeliveryEntity);
      const query = deliveries.createQueryBuilder('d').setLock('pessimistic_write').where('d.provider_message_id = :sid', { sid: form.MessageSid });
      if (typeof deliveryId === 'string' && isUuid(deliveryId)) {
        // Before we stored the MessageSid (the callback overtook the send's answer).
        query.orWhere('(d.id = :deliveryId AND d.provider_message_id IS NULL)', { deliveryId });
      }
      const part = await query.getOne();
      if (!part) return { known: false };
      const status = mergeDeliveryStatus(part.providerStatus as MessageDeliveryStatus | null, incoming);
      const failed = isFailure(status) && !isFailure(part.providerStatus as MessageDeliveryStatus | null);
      const errorCode = failed ? (form.ErrorCode ?? null) : part.errorCode;
      const errorMessage = failed ? twilioErrorMessage(form.ErrorCode, form.ErrorMessage) : part.errorMessage;
      if (status !== part.providerStatus || errorCode !== part.errorCode) {
        await deliveries.update({ id: part.id }, { providerStatus: status, errorCode, errorMessage, providerMessageId: form.MessageSid });
        await refreshMessageDelivery(manager, part.messageId);
      }
      return { known: true };
    });
  }
}
