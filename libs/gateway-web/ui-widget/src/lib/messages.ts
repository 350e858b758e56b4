import type { MessageBody } from '@pegamento/contracts';
import { format, type Texts } from '../i18n/i18n';

/** A customer's message the server has not confirmed yet: shown at once, retried with the same clientMessageId. */
export interface PendingMessage {
  clientMessageId: string;
  text: string;
  createdAt: string;
  status: 'sending' | 'failed';
}

/** Server order: oldest first, by creation time, then id (as `GET …/messages` sorts). */
export function compareMessages(a: MessageBody, b: MessageBody): number {
  if (a.createdAt !== b.createdAt) return a.createdAt < b.createdAt ? -1 : 1;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/**
 * Merges messages by id: a message seen twice (socket and fetch, a reconnect, a retried
 * request) is kept once; the newer copy wins, except that a flag is never undone.
 */
export function mergeMessages(existing: readonly MessageBody[], incoming: readonly MessageBody[]): MessageBody[] {
  const byId = new Map(existing.map((m) => [m.id, m] as const));
  for (const message of incoming) {
    const known = byId.get(message.id);
    byId.set(message.id, known?.flagged && !message.flagged ? { ...message, flagged: true } : message);
  }
  return [...byId.values()].sort(compareMessages);
}

/** The id to fetch after (`?after=`) when catching up: the newest message the widget has. */
export function lastMessageId(messages: readonly MessageBody[]): string | null {
  return messages.length ? messages[messages.length - 1]!.id : null;
}

/**
 * Pending messages that a newly seen customer message confirms: each new customer
 * message settles the oldest pending one with the same text (the socket's copy can
 * arrive before the POST's answer, or a lost answer's message shows up on catch-up).
 */
export function settlePending(pending: readonly PendingMessage[], fresh: readonly MessageBody[]): PendingMessage[] {
  let left = [...pending];
  for (const message of fresh) {
    if (message.author.type !== 'customer') continue;
    const index = left.findIndex((p) => p.text.trim() === message.text.trim());
    if (index >= 0) left = [...left.slice(0, index), ...left.slice(index + 1)];
  }
  return left;
}

/** An AI answer: an `ai` message after at least one customer message (not the opening disclosure). Only those get "This is wrong". */
export function isAiAnswer(messages: readonly MessageBody[], index: number): boolean {
  const message = messages[index];
  if (!message || message.author.type !== 'ai') return false;
  return messages.slice(0, index).some((m) => m.author.type === 'customer');
}

/** Who wrote a message, in words (not colour): "AI assistant", "Sanne (agent)", "You", "Notice". */
export function authorLabel(author: MessageBody['author'], texts: Texts): string {
  switch (author.type) {
    case 'ai':
      return texts['author.ai'];
    case 'agent':
      return author.displayName.trim() ? format(texts['author.agent'], { name: author.displayName.trim() }) : texts['author.agentUnnamed'];
    case 'customer':
      return texts['author.customer'];
    case 'system':
      return texts['author.system'];
  }
}

/** Only http(s) links are rendered as links (a source or setting can never inject `javascript:`). */
export function safeHttpUrl(url: string | null | undefined, base?: string): string | null {
  if (!url) return null;
  try {
    const parsed = new URL(url, base);
    return parsed.protocol === 'https:' || parsed.protocol === 'http:' ? parsed.href : null;
  } catch {
    return null;
  }
}
