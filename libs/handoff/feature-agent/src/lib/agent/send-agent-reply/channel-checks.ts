import type { EntityManager } from 'typeorm';
import { ChannelIdentityEntity, type ConversationEntity } from '@pegamento/data-access-conversations';
import { HandoffErrorCode, HandoffException } from '../../handoff.exception';

/** WhatsApp's customer-service window when the config does not say (R28). */
export const DEFAULT_WHATSAPP_WINDOW_HOURS = 24;

/**
 * What an agent may send on the conversation's channel (R28, R30): nothing to a number
 * that sent STOP on that channel (SMS or WhatsApp); on WhatsApp, free text only within the window after the
 * customer's last message, and an approved template (POST …/templates) after that.
 */
export async function assertAgentMaySend(
  manager: EntityManager,
  conversation: ConversationEntity,
  kind: 'text' | 'template',
  windowHours: number,
  now: Date,
): Promise<void> {
  if (kind === 'template' && conversation.channel !== 'whatsapp') {
    throw new HandoffException(HandoffErrorCode.NotWhatsapp, 'Templates are for WhatsApp conversations only: send a normal message.');
  }
  if (conversation.channel !== 'sms' && conversation.channel !== 'whatsapp') return;
  const identity = conversation.channelIdentityId ? await manager.getRepository(ChannelIdentityEntity).findOneBy({ id: conversation.channelIdentityId }) : null;
  if (identity?.optedOutAt) {
    const channel = conversation.channel === 'sms' ? 'SMS' : 'WhatsApp';
    throw new HandoffException(HandoffErrorCode.OptedOut, `The customer sent STOP on ${channel}: nothing can be sent there until they send START.`);
  }
  if (conversation.channel === 'whatsapp' && kind === 'text') {
    // The customer's last message: on the identity (any conversation of that number), or in this conversation.
    const [row] = (await manager.query(`SELECT max(created_at) AS at FROM messages WHERE conversation_id = $1 AND direction = 'inbound'`, [conversation.id])) as {
      at: Date | null;
    }[];
    const times = [identity?.lastInboundAt?.getTime(), row?.at ? new Date(row.at).getTime() : undefined].filter((t): t is number => t !== undefined);
    const last = times.length > 0 ? Math.max(...times) : null;
    if (last === null || now.getTime() - last >= windowHours * 3_600_000) {
      throw new HandoffException(
        HandoffErrorCode.WhatsappWindowClosed,
        `More than ${windowHours} hours since the customer's last WhatsApp message: WhatsApp allows no free text now. ` +
          `Send an approved template with POST /api/v1/agent/conversations/${conversation.id}/templates.`,
      );
    }
  }
}
