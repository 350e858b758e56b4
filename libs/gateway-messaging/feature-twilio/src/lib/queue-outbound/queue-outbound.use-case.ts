import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { EventOf } from '@pegamento/contracts';
import { ChannelIdentityEntity, ConversationEntity, MessageDeliveryEntity, MessageEntity } from '@pegamento/data-access-conversations';
import { countSegments, isWhatsappWindowOpen, splitSms, splitWhatsapp } from '@pegamento/gateway-messaging-domain';
import { TWILIO_SETTINGS, type TwilioSettings } from '../twilio-messaging.config';
import { emitDeliveryStatus } from '../send-queue/message-delivery';

export type QueueOutcome = 'queued' | 'refused' | 'skipped';

/**
 * Turns a `conversation.outbound` for SMS or WhatsApp into parts in the send queue,
 * after the last checks before anything leaves: the channel is on, the number did not
 * opt out (only the one STOP confirmation may still go), WhatsApp free text only in
 * the 24-hour window (templates always). A refusal is stored on the message as a
 * failed delivery with its reason, for agents to see; nothing is dropped silently.
 */
@Injectable()
export class QueueOutboundUseCase {
  constructor(@Inject(TWILIO_SETTINGS) private readonly settings: TwilioSettings) {}

  async execute(event: EventOf<'conversation.outbound'>, manager: EntityManager, now = new Date()): Promise<QueueOutcome> {
    const { channel } = event.payload;
    if (channel !== 'sms' && channel !== 'whatsapp') return 'skipped';
    const message = await manager.getRepository(MessageEntity).findOneBy({ id: event.payload.messageId, conversationId: event.conversationId });
    if (!message) return 'skipped';
    const deliveries = manager.getRepository(MessageDeliveryEntity);
    if (message.deliveryStatus || (await deliveries.countBy({ messageId: message.id })) > 0) return 'skipped';

    const refuse = async (code: string, text: string): Promise<QueueOutcome> => {
      await manager.getRepository(MessageEntity).update({ id: message.id }, { deliveryStatus: 'failed', deliveryErrorCode: code, deliveryErrorMessage: text });
      await emitDeliveryStatus(manager, message, 'failed', null, code, text);
      return 'refused';
    };

    const from = channel === 'sms' ? this.settings.smsFrom : this.settings.whatsappFrom;
    if (!from) return refuse('channel_off', `${channel === 'sms' ? 'SMS' : 'WhatsApp'} through Twilio is off (TWILIO_* not set); nothing was sent.`);
    const conversation = await manager.getRepository(ConversationEntity).findOneBy({ id: event.conversationId });
    const identity = conversation?.channelIdentityId
      ? await manager.getRepository(ChannelIdentityEntity).findOneBy({ id: conversation.channelIdentityId })
      : null;
    if (!conversation || !identity) return refuse('no_address', 'The conversation has no phone number to send to.');
    if (identity.optedOutAt && !event.payload.complianceNotice) {
      return refuse('opted_out', 'The customer sent STOP: nothing goes to this number until they send START.');
    }

    const template = event.payload.template;
    let parts: Array<{ body: string | null; contentSid: string | null; contentVariables: Record<string, string> | null }>;
    if (channel === 'whatsapp' && template) {
      const approved = this.settings.templates[template.name];
      if (!approved) return refuse('unknown_template', `"${template.name}" is not an approved template (WHATSAPP_TEMPLATES).`);
      parts = [{ body: approved.contentSid ? null : event.payload.text, contentSid: approved.contentSid ?? null, contentVariables: approved.contentSid ? template.variables : null }];
    } else {
      if (channel === 'whatsapp' && !isWhatsappWindowOpen(identity.lastInboundAt, now, this.settings.whatsappWindowHours)) {
        return refuse(
          'whatsapp_window_closed',
          `More than ${this.settings.whatsappWindowHours} hours since the customer's last WhatsApp message: only an approved template can be sent.`,
        );
      }
      const texts = channel === 'sms' ? splitSms(event.payload.text, this.settings.smsMaxSegments) : splitWhatsapp(event.payload.text);
      parts = texts.map((body) => ({ body, contentSid: null, contentVariables: null }));
    }
    if (parts.length === 0) return refuse('empty_message', 'The message has no text to send.');

    const segments = channel === 'sms' ? parts.reduce((sum, p) => sum + countSegments(p.body ?? '').segments, 0) : null;
    await deliveries.insert(
      parts.map((p, index) => ({
        tenantId: message.tenantId,
        conversationId: message.conversationId,
        messageId: message.id,
        channel,
        part: index + 1,
        partCount: parts.length,
        toAddress: identity.address,
        fromAddress: from,
        body: p.body,
        contentSid: p.contentSid,
        contentVariables: p.contentVariables,
        state: 'pending' as const,
        segments: channel === 'sms' ? countSegments(p.body ?? '').segments : null,
      })),
    );
    await manager.getRepository(MessageEntity).update({ id: message.id }, { deliveryStatus: 'pending', segments });
    return 'queued';
  }
}
