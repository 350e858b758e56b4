import { z } from 'zod';
import {
  agentRefSchema,
  attachmentSchema,
  authorSchema,
  channelSchema,
  conversationStatusSchema,
  handoffTriggerSchema,
  localeSchema,
  sourceSchema,
} from './shared-schemas';

/**
 * Every event of the services table in architecture.md, version 1.
 * A definition is immutable once released: a breaking change is a new version with
 * its own topic (`<domain>.<event>.v2`), never an edit of this one. The fixtures in
 * ../../fixtures/v1 hold one released example of each and are parsed in a test.
 */
function defineEvent<TType extends string, TVersion extends number, TSchema extends z.ZodType>(
  type: TType,
  version: TVersion,
  payload: TSchema,
) {
  return { type, version, topic: `${type}.v${version}` as `${TType}.v${TVersion}`, payload } as const;
}

const id = z.string().min(1).max(64);
const text = z.string().min(1).max(20_000);

/** An approved WhatsApp template and the values of its {{1}}, {{2}}, … placeholders. */
const templateRef = z.object({
  name: z.string().regex(/^[a-z0-9_]{1,64}$/),
  variables: z.record(z.string().regex(/^\d{1,2}$/), z.string().max(1_000)),
});

export const conversationInboundV1 = defineEvent(
  'conversation.inbound',
  1,
  z.object({
    messageId: id,
    channel: channelSchema,
    contactId: id.nullable(),
    text: z.string().max(20_000),
    locale: localeSchema,
    clientMessageId: z.string().max(128).nullable(),
    /** Id the channel gave the message (Twilio MessageSid, e-mail Message-ID). */
    channelMessageId: z.string().max(998).nullable(),
    attachments: z.array(attachmentSchema).max(20),
    receivedAt: z.iso.datetime(),
    /**
     * An SMS compliance keyword the gateway recognised and already applied to the
     * number (STOP → `opt_out`, START → `opt_in`, HELP → `help`). Optional: added
     * compatibly to v1.
     */
    keyword: z.enum(['opt_out', 'opt_in', 'help']).optional(),
    /**
     * What the gateway masked in `text` before storing it (a BSN, special-category data;
     * R16), so the policy still knows, e.g., that a medical topic came up. Optional: added
     * compatibly to v1.
     */
    maskedData: z.array(z.enum(['BSN', 'HEALTH', 'BELIEF', 'ORIENTATION', 'POLITICS', 'UNION', 'CRIMINAL'])).max(7).optional(),
  }),
);

export const aiReplyRequestedV1 = defineEvent(
  'ai.reply.requested',
  1,
  z.object({
    requestId: id,
    inboundMessageId: id,
    channel: channelSchema,
    locale: localeSchema,
  }),
);

export const aiReplyDraftedV1 = defineEvent(
  'ai.reply.drafted',
  1,
  z.object({
    requestId: id,
    inboundMessageId: id,
    text,
    locale: localeSchema,
    sources: z.array(sourceSchema).max(20),
    /** The answer rests on retrieved, approved content. */
    grounded: z.boolean(),
    /** The model read the customer's words as a wish for a person. */
    wantsHuman: z.boolean(),
    /** Model that wrote it, or null for an extractive answer from the knowledge base. */
    model: z.string().max(200).nullable(),
    /**
     * The model failed or was too slow; the text is an honest "I can't answer now" and
     * a person should take over at once. Optional: added compatibly to v1.
     */
    unavailable: z.boolean().optional(),
  }),
);

export const handoffRequestedV1 = defineEvent(
  'handoff.requested',
  1,
  z.object({
    trigger: handoffTriggerSchema,
    reason: z.string().max(500).nullable(),
    channel: channelSchema,
    locale: localeSchema,
    /** Message that caused the handoff, when there is one. */
    messageId: id.nullable(),
    summary: z.string().max(4_000).nullable(),
  }),
);

/**
 * A model wrote the hand-over summary after the request (ai-responder): the summary itself
 * stays in the database (`handoff_requests.summary`), the event only says it changed, so
 * views that showed the plain one (the Slack card) can show it.
 */
export const handoffSummarizedV1 = defineEvent(
  'handoff.summarized',
  1,
  z.object({
    handoffId: id,
    aiWritten: z.boolean(),
  }),
);

export const agentReplyV1 = defineEvent(
  'agent.reply',
  1,
  z.object({
    messageId: id,
    agent: agentRefSchema,
    channel: channelSchema,
    text,
    /** The agent sent (and so owns) an AI draft; recorded as such (R04). */
    fromAiDraft: z.boolean(),
    /** An approved WhatsApp template rather than free text. Optional: added compatibly to v1. */
    template: templateRef.optional(),
  }),
);

export const conversationOutboundV1 = defineEvent(
  'conversation.outbound',
  1,
  z.object({
    messageId: id,
    channel: channelSchema,
    author: authorSchema,
    text,
    aiGenerated: z.boolean(),
    locale: localeSchema,
    sources: z.array(sourceSchema).max(20),
    /** Version of the AI disclosure text this message carries, if it carries one. */
    disclosureVersion: z.string().max(32).nullable(),
    /** An approved WhatsApp template rather than free text. Optional: added compatibly to v1. */
    template: templateRef.optional(),
    /**
     * A notice the channel rules require even to a number that opted out (the one
     * confirmation of STOP). Optional: added compatibly to v1.
     */
    complianceNotice: z.boolean().optional(),
  }),
);

export const conversationStatusV1 = defineEvent(
  'conversation.status',
  1,
  z.object({
    status: conversationStatusSchema,
    previousStatus: conversationStatusSchema.nullable(),
    assignedAgent: agentRefSchema.nullable(),
    reason: z.string().max(500).nullable(),
  }),
);

export const deliveryStatusV1 = defineEvent(
  'delivery.status',
  1,
  z.object({
    messageId: id,
    channel: channelSchema,
    providerMessageId: z.string().max(998),
    status: z.enum(['queued', 'sent', 'delivered', 'read', 'failed', 'undelivered']),
    errorCode: z.string().max(64).nullable(),
    /** What the error code means, for agents. Optional: added compatibly to v1. */
    errorMessage: z.string().max(1_000).optional(),
  }),
);

export const auditRecordedV1 = defineEvent(
  'audit.recorded',
  1,
  z.object({
    action: z.string().min(1).max(100),
    actor: z.object({
      type: z.enum(['system', 'customer', 'ai', 'agent', 'admin']),
      id: id.nullable(),
    }),
    reason: z.string().max(1_000).nullable(),
    /** Policy decision details; never message texts or personal data. */
    details: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()])),
  }),
);

export const crmSyncedV1 = defineEvent(
  'crm.synced',
  1,
  z.object({
    adapter: z.string().min(1).max(64),
    /** `erasure`: added compatibly to v1 (crm-sync is its only producer and consumers ignore it). */
    entity: z.enum(['contact', 'transcript', 'erasure']),
    externalId: z.string().max(256).nullable(),
    outcome: z.enum(['ok', 'failed']),
    error: z.string().max(1_000).nullable(),
  }),
);

/**
 * Written by the bus itself when a consumer gave up on an event after its retries:
 * the dead-letter topic. `original` is the envelope as it was received.
 */
export const busDeadLetteredV1 = defineEvent(
  'bus.dead-lettered',
  1,
  z.object({
    deadLetterId: id,
    consumerGroup: z.string().min(1).max(200),
    topic: z.string().min(1).max(249),
    attempts: z.number().int().nonnegative(),
    error: z.string().max(2_000),
    original: z.unknown(),
  }),
);

export const EVENT_DEFINITIONS = [
  conversationInboundV1,
  aiReplyRequestedV1,
  aiReplyDraftedV1,
  handoffRequestedV1,
  handoffSummarizedV1,
  agentReplyV1,
  conversationOutboundV1,
  conversationStatusV1,
  deliveryStatusV1,
  auditRecordedV1,
  crmSyncedV1,
  busDeadLetteredV1,
] as const;

export type EventDefinition = (typeof EVENT_DEFINITIONS)[number];
export type EventType = EventDefinition['type'];
type DefinitionOf<T extends EventType> = Extract<EventDefinition, { type: T }>;

/** The typed map from event type to its current payload. Publishing goes only through it. */
export type EventPayloads = { [T in EventType]: z.infer<DefinitionOf<T>['payload']> };
