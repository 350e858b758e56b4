import type { TextKey, Translate } from './i18n';
import { KNOWN_TRIGGERS, type Conversation, type Message, type QueueItem, type SessionUser } from './types';

/** The label the API puts in front of a model-written summary. */
export const AI_SUMMARY_PREFIX = 'AI summary:';

/** A summary split into whether a model wrote it (it starts with "AI summary:") and its text. */
export function readSummary(summary: string): { aiWritten: boolean; text: string } {
  const trimmed = summary.trimStart();
  if (trimmed.startsWith(AI_SUMMARY_PREFIX)) return { aiWritten: true, text: trimmed.slice(AI_SUMMARY_PREFIX.length).trim() };
  return { aiWritten: false, text: summary };
}

/** Adds or replaces messages by id and keeps the transcript oldest first (live pushes may repeat or cross a reload). */
export function mergeMessages(current: readonly Message[], incoming: readonly Message[]): Message[] {
  const byId = new Map(current.map((m) => [m.id, m]));
  for (const message of incoming) byId.set(message.id, { ...byId.get(message.id), ...message });
  return [...byId.values()].sort((a, b) => (a.createdAt === b.createdAt ? 0 : a.createdAt < b.createdAt ? -1 : 1));
}

/** The queue, the longest waiting first (a request without a time goes last). */
export function sortOldestFirst(items: readonly QueueItem[]): QueueItem[] {
  const at = (item: QueueItem) => (item.waitingSince ? Date.parse(item.waitingSince) : Number.POSITIVE_INFINITY);
  return [...items].sort((a, b) => at(a) - at(b) || a.id.localeCompare(b.id));
}

/** The text key of a trigger, "unknown" for one this console does not know yet. */
export function triggerKey(trigger: string | null | undefined): TextKey {
  return trigger && (KNOWN_TRIGGERS as readonly string[]).includes(trigger) ? (`trigger.${trigger}` as TextKey) : 'trigger.unknown';
}

/** What the signed-in person may do with a conversation now. */
export function allowedActions(conversation: Conversation, user: SessionUser): { claim: boolean; reply: boolean; release: boolean; close: boolean } {
  const mine = conversation.assignedAgent?.id === user.id;
  const mayAct = mine || user.role === 'admin';
  const withAgent = conversation.status === 'with_agent';
  return {
    claim: conversation.status === 'waiting_for_agent' || conversation.status === 'bot' || (withAgent && !conversation.assignedAgent),
    reply: withAgent && mayAct,
    release: withAgent && mayAct,
    close: conversation.status !== 'closed' && (!withAgent || mayAct),
  };
}

const DELIVERY_STATUSES = ['pending', 'queued', 'sent', 'delivered', 'read', 'failed', 'undelivered'];

/** The delivery line of a message, when its channel reported one: a failure with its reason, else the status in words. */
export function deliveryText(message: Message, t: Translate): { failed: boolean; text: string } | null {
  const error = message.deliveryError;
  if (error) {
    const reason = typeof error === 'string' ? error : error.message || error.code;
    return { failed: true, text: t('conversation.deliveryFailed', { error: reason }) };
  }
  const status = message.deliveryStatus;
  if (!status) return null;
  const words = DELIVERY_STATUSES.includes(status) ? t(`delivery.${status}` as TextKey) : t('delivery.unknown', { status });
  return { failed: status === 'failed' || status === 'undelivered', text: t('conversation.delivery', { status: words }) };
}
