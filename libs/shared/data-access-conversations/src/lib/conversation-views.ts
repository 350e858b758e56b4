import type { AuthorType, Channel, ConversationStatus, Source } from '@pegamento/contracts';
import type { ConversationEntity } from './conversation.entity';
import type { MessageAttachment, MessageEntity } from './message.entity';

/** The contract's Conversation shape. */
export interface ConversationView {
  id: string;
  channel: Channel;
  status: ConversationStatus;
  locale: string;
  assignedAgent: { id: string; displayName: string } | null;
  createdAt: string;
  updatedAt: string;
}

/** The contract's Message shape. */
export interface MessageView {
  id: string;
  conversationId: string;
  direction: 'inbound' | 'outbound';
  author: { type: AuthorType; displayName: string };
  text: string;
  aiGenerated: boolean;
  sources?: Source[];
  flagged: boolean;
  createdAt: string;
  /** SMS/WhatsApp only: pending, queued, sent, delivered, read, failed or undelivered. */
  deliveryStatus?: string;
  /** Why it was not delivered (Twilio's code, or `opted_out`, `whatsapp_window_closed`, …). */
  deliveryError?: { code: string; message: string };
  /** Media the customer sent (type, size when known, URL). */
  attachments?: MessageAttachment[];
  /** SMS segments billed. */
  segments?: number;
}

export function toConversationView(c: ConversationEntity): ConversationView {
  return {
    id: c.id,
    channel: c.channel,
    status: c.status,
    locale: c.locale,
    assignedAgent: c.assignedAgentId ? { id: c.assignedAgentId, displayName: c.assignedAgentName ?? '' } : null,
    createdAt: c.createdAt.toISOString(),
    updatedAt: c.updatedAt.toISOString(),
  };
}

export function toMessageView(m: MessageEntity): MessageView {
  return {
    id: m.id,
    conversationId: m.conversationId,
    direction: m.direction,
    author: { type: m.authorType, displayName: m.authorDisplayName },
    text: m.text,
    aiGenerated: m.aiGenerated,
    ...(m.authorType === 'ai' ? { sources: m.sources } : {}),
    flagged: m.flagged,
    createdAt: m.createdAt.toISOString(),
    // Channel delivery facts only where there are any: a web message looks as before.
    ...(m.deliveryStatus ? { deliveryStatus: m.deliveryStatus } : {}),
    ...(m.deliveryErrorCode ? { deliveryError: { code: m.deliveryErrorCode, message: m.deliveryErrorMessage ?? '' } } : {}),
    ...(m.attachments && m.attachments.length > 0 ? { attachments: m.attachments } : {}),
    ...(m.segments !== null && m.segments !== undefined ? { segments: m.segments } : {}),
  };
}

/**
 * A message as the customer sees it: its time is when it was released to them (for an
 * agent's reply, after the policy said who writes now), the order the customer's
 * transcript and the widget keep.
 */
export function toCustomerMessageView(m: MessageEntity): MessageView {
  return { ...toMessageView(m), createdAt: (m.releasedAt ?? m.createdAt).toISOString() };
}
