import type { AuthorType, Channel, ConversationStatus, Source } from '@pegamento/contracts';
import type { ConversationEntity } from './conversation.entity';
import type { MessageEntity } from './message.entity';

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
  };
}
