import { z } from 'zod';

/**
 * The one envelope every event travels in (architecture.md, "Events").
 * Validated at both ends: by the producer before it enters the outbox and by the
 * consumer before a handler sees it.
 */
export const envelopeSchema = z.object({
  eventId: z.uuid({ version: 'v7' }),
  type: z.string().regex(/^[a-z]+(\.[a-z-]+)+$/),
  version: z.number().int().positive(),
  tenantId: z.string().min(1).max(64),
  conversationId: z.string().min(1).max(64),
  occurredAt: z.iso.datetime({ offset: false }),
  correlationId: z.string().min(1).max(64),
  causationId: z.string().min(1).max(64).nullable(),
  payload: z.unknown(),
});

export type EnvelopeBase = z.infer<typeof envelopeSchema>;

export interface EventEnvelope<TType extends string = string, TPayload = unknown>
  extends Omit<EnvelopeBase, 'type' | 'payload'> {
  type: TType;
  payload: TPayload;
}
