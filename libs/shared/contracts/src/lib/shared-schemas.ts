import { z } from 'zod';

export const channelSchema = z.enum(['web', 'whatsapp', 'sms', 'email']);
export type Channel = z.infer<typeof channelSchema>;

export const conversationStatusSchema = z.enum(['bot', 'waiting_for_agent', 'with_agent', 'closed']);
export type ConversationStatus = z.infer<typeof conversationStatusSchema>;

export const authorTypeSchema = z.enum(['customer', 'ai', 'agent', 'system']);
export type AuthorType = z.infer<typeof authorTypeSchema>;

/** BCP-47 primary language tag, e.g. "nl", "en". */
export const localeSchema = z.string().regex(/^[a-z]{2,3}$/);

export const authorSchema = z.object({
  type: authorTypeSchema,
  displayName: z.string().min(1).max(120),
});
export type Author = z.infer<typeof authorSchema>;

export const sourceSchema = z.object({
  title: z.string().min(1).max(300),
  url: z.url().nullable(),
});
export type Source = z.infer<typeof sourceSchema>;

export const agentRefSchema = z.object({ id: z.string().min(1), displayName: z.string().min(1).max(120) });
export type AgentRef = z.infer<typeof agentRefSchema>;

export const attachmentSchema = z.object({
  contentType: z.string().min(1).max(255),
  url: z.url().nullable(),
  sizeBytes: z.number().int().nonnegative().nullable(),
  /** An e-mail attachment's file name. Optional: added compatibly to v1. */
  filename: z.string().max(255).nullable().optional(),
});

/** Why a conversation is handed to a person (conversation-engine triggers). */
export const handoffTriggerSchema = z.enum([
  'customer_request',
  'handoff_button',
  'flagged_answer',
  'could_not_answer',
  'frustration',
  'sensitive_topic',
  'crisis',
  'agent_initiated',
]);
export type HandoffTrigger = z.infer<typeof handoffTriggerSchema>;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Row ids are UUIDs; anything else in a path or event cannot name a row (and must not reach a uuid column). */
export function isUuid(value: string): boolean {
  return UUID.test(value);
}
