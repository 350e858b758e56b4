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
  deliveryStatus: z
    .enum(['pending', 'queued', 'sent', 'delivered', 'read', 'failed', 'undelivered'])
    .optional()
    .describe('SMS/WhatsApp: where an outbound message is (pending = in our send queue)'),
  deliveryError: z
    .object({ code: z.string(), message: z.string() })
    .optional()
    .describe("why it was not delivered: Twilio's code (21610 unsubscribed, 63016 outside the WhatsApp window, …) or opted_out, whatsapp_window_closed"),
  attachments: z
    .array(z.object({ contentType: z.string(), url: z.string().nullable(), sizeBytes: z.number().int().nullable(), filename: z.string().nullable().optional() }))
    .optional()
    .describe('media the customer sent (SMS/WhatsApp), files attached to an e-mail (with their file name; the content is not kept)'),
  segments: z.number().int().optional().describe('SMS segments billed (GSM-7 160/153, UCS-2 70/67 characters), all parts together'),
});

/** POST /api/v1/agent/conversations/{id}/templates: an approved WhatsApp template, the only thing sent outside the 24-hour window. */
export const sendTemplateBodySchema = z
  .object({
    template: z.string().regex(/^[a-z0-9_]{1,64}$/).describe('name of an approved template (WHATSAPP_TEMPLATES)'),
    variables: z
      .record(z.string().regex(/^\d{1,2}$/), z.string().min(1).max(1_000))
      .optional()
      .describe('values of the template\'s {{1}}, {{2}}, … placeholders'),
  })
  .strict();

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

/** GET /api/v1/web/info: what the widget shows before the first message (R11, R23, R27). Public. */
export const webInfoQuerySchema = z.object({ locale: z.string().max(35).optional().describe('BCP-47 tag or Accept-Language list; picks the language of the links and texts') });

export const webInfoSchema = z.object({
  locale: z.string().describe('the language of the links and texts (a supported one: nl, en)'),
  humanRoutes: z
    .object({ phone: z.string().nullable(), email: z.string().nullable() })
    .describe("the organisation's channels answered by people; null when not set (the chat's own \"talk to a person\" always works)"),
  privacyNoticeUrl: z.string().describe("the organisation's privacy notice, or this platform's own page (a path on this host, e.g. /privacy?lang=nl)"),
  accessibilityStatementUrl: z.string().describe("the organisation's accessibility statement, or this platform's own page (/accessibility?lang=nl)"),
  openingHours: z
    .object({
      openNow: z.boolean().describe('a person is on duty now (by the opening hours; not a promise of an instant answer)'),
      nextOpeningAt: z.iso.datetime().nullable().describe('when closed: the next opening, if one is known within 14 days'),
      nextOpeningText: z.string().nullable().describe('the same in words, in the requested language, e.g. "maandag 09:00"'),
    })
    .optional(),
});
export type WebInfoBody = z.infer<typeof webInfoSchema>;

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
