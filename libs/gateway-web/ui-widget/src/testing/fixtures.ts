import type { ConversationBody, MessageBody } from '@pegamento/contracts';

/** Builders for the widget's unit tests (not bundled: nothing in main.tsx imports this). */
export function message(id: string, overrides: Partial<MessageBody> & { type?: MessageBody['author']['type']; name?: string } = {}): MessageBody {
  const { type = 'ai', name, ...rest } = overrides;
  const displayName = name ?? (type === 'ai' ? 'AI assistant' : type === 'agent' ? 'Sanne' : type === 'system' ? 'Notice' : 'Customer');
  return {
    id,
    conversationId: 'c1',
    direction: type === 'customer' ? 'inbound' : 'outbound',
    author: { type, displayName },
    text: `text ${id}`,
    aiGenerated: type === 'ai',
    flagged: false,
    createdAt: new Date(Date.UTC(2026, 10, 29, 10, 0, 0) + (/^\d+$/.test(id) ? Number(id) : 0) * 1_000).toISOString(),
    ...(type === 'ai' ? { sources: [] } : {}),
    ...rest,
  };
}

export function conversation(overrides: Partial<ConversationBody> = {}): ConversationBody {
  return {
    id: 'c1',
    channel: 'web',
    status: 'bot',
    locale: 'en',
    assignedAgent: null,
    createdAt: '2026-11-29T10:00:00.000Z',
    updatedAt: '2026-11-29T10:00:00.000Z',
    ...overrides,
  };
}
