import { z } from 'zod';
import { authorTypeSchema, channelSchema, conversationStatusSchema, sourceSchema } from './shared-schemas';

/**
 * The HTTP shapes of contract.md: one definition each, used by the controllers to
 * validate and by the OpenAPI document (GET /api/docs-json) to describe.
 */
export const errorBodySchema = z.object({
  error: z.object({
    code: z.string().describe('machine-readable code, e.g. invalid_request, rate_limited'),
    message: z.string().describe('what went wrong, in plain words'),
    errorId: z.string().optional().describe('on a 500 only: the id to quote to support'),
  }),
});

export const conversationSchema = z.object({
  id: z.string(),
  channel: channelSchema,
  status: conversationStatusSchema,
  locale: z.string().describe('BCP-47 primary tag'),
  assignedAgent: z.object({ id: z.string(), displayName: z.string() }).nullable(),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
});

export const messageSchema = z.object({
  id: z.string(),
  conversationId: z.string(),
  direction: z.enum(['inbound', 'outbound']),
  author: z.object({ type: authorTypeSchema, displayName: z.string() }),
  text: z.string(),
  aiGenerated: z.boolean().describe('true on every author.type "ai" message'),
  sources: z.array(sourceSchema).optional().describe('knowledge articles an AI answer rests on'),
  flagged: z.boolean().optional(),
  createdAt: z.iso.datetime(),
});

export const startConversationBodySchema = z
  .object({
    locale: z.string().max(35).optional().describe('BCP-47 tag or Accept-Language list; default DEFAULT_LOCALE'),
    name: z.string().trim().min(1).max(120).optional(),
    email: z.email().max(254).optional(),
  })
  .strict();

export const sendMessageBodySchema = z
  .object({
    text: z.string().describe('1 to WEB_MESSAGE_MAX_CHARS (4,000) characters; longer gets 413, empty 422'),
    clientMessageId: z.string().min(1).max(128).optional().describe('the same id twice stores one message'),
  })
  .strict();

export const flagMessageBodySchema = z.object({ reason: z.string().max(1_000).optional() }).strict();

export const loginBodySchema = z.object({
  email: z.string().trim().max(254).pipe(z.email()),
  password: z.string().min(1).max(1_024),
  /** Only for an address with accounts in several tenants. */
  tenantId: z.string().min(1).max(64).optional(),
});

export const agentMessageBodySchema = z.object({ text: z.string().min(1).describe('1 to WEB_MESSAGE_MAX_CHARS characters') });

export const availabilityBodySchema = z.object({ available: z.boolean() });

export type ConversationBody = z.infer<typeof conversationSchema>;
export type MessageBody = z.infer<typeof messageSchema>;

export const knowledgeArticleBodySchema = z
  .object({
    title: z.string().trim().min(1).max(300),
    body: z.string().trim().min(1).max(100_000),
    locale: z.enum(['nl', 'en']).describe('the language of the article; it picks the search configuration'),
    url: z.url().max(2_000).optional(),
  })
  .strict();

export const knowledgeArticleUpdateSchema = knowledgeArticleBodySchema.partial().strict();

export const knowledgeImportBodySchema = z
  .object({
    locale: z.enum(['nl', 'en']),
    articles: z
      .array(z.object({ markdown: z.string().min(1).max(100_000).describe('"# Title" on the first heading line, then the body'), url: z.url().max(2_000).optional() }).strict())
      .min(1)
      .max(200),
  })
  .strict();

export const knowledgeArticleSchema = z.object({
  id: z.string(),
  title: z.string(),
  body: z.string(),
  locale: z.string(),
  url: z.string().nullable(),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
});
