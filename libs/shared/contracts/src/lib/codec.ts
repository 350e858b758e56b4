import { v7 as uuidv7 } from 'uuid';
import type { z } from 'zod';
import { envelopeSchema, type EventEnvelope } from './envelope';
import { EVENT_DEFINITIONS, type EventPayloads, type EventType } from './events';

export type EventOf<T extends EventType> = EventEnvelope<T, EventPayloads[T]>;
export type AnyEvent = { [T in EventType]: EventOf<T> }[EventType];

/** An event that does not match its contract. Never retried: it goes to the dead letters. */
export class ContractViolationError extends Error {
  override readonly name = 'ContractViolationError';
  constructor(
    message: string,
    readonly issues: readonly string[],
  ) {
    super(`${message}: ${issues.join('; ')}`);
  }
}

const definitions = new Map<string, (typeof EVENT_DEFINITIONS)[number]>(
  EVENT_DEFINITIONS.map((d) => [`${d.type}@${d.version}`, d]),
);
const currentVersion = new Map<string, number>();
for (const d of EVENT_DEFINITIONS) {
  currentVersion.set(d.type, Math.max(d.version, currentVersion.get(d.type) ?? 0));
}

function describeIssues(error: z.ZodError): string[] {
  return error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`);
}

export interface CreateEventInput<T extends EventType> {
  tenantId: string;
  conversationId: string;
  payload: EventPayloads[T];
  /** The event this one answers; sets correlation and causation from it. */
  causedBy?: Pick<EventEnvelope, 'eventId' | 'correlationId'>;
  correlationId?: string;
  occurredAt?: Date;
}

/** Builds a validated event of the current version of `type`. */
export function createEvent<T extends EventType>(type: T, input: CreateEventInput<T>): EventOf<T> {
  const version = currentVersion.get(type);
  if (version === undefined) throw new ContractViolationError('Unknown event type', [type]);
  const eventId = uuidv7();
  const candidate = {
    eventId,
    type,
    version,
    tenantId: input.tenantId,
    conversationId: input.conversationId,
    occurredAt: (input.occurredAt ?? new Date()).toISOString(),
    correlationId: input.causedBy?.correlationId ?? input.correlationId ?? eventId,
    causationId: input.causedBy?.eventId ?? null,
    payload: input.payload,
  };
  return parseEvent(candidate) as EventOf<T>;
}

/** Validates an unknown value as an event envelope and its payload against the contract. */
export function parseEvent(raw: unknown): AnyEvent {
  const envelope = envelopeSchema.safeParse(raw);
  if (!envelope.success) {
    throw new ContractViolationError('Invalid event envelope', describeIssues(envelope.error));
  }
  const { type, version } = envelope.data;
  const definition = definitions.get(`${type}@${version}`);
  if (!definition) {
    throw new ContractViolationError('Unknown event', [`${type} v${version}`]);
  }
  const payload = definition.payload.safeParse(envelope.data.payload);
  if (!payload.success) {
    throw new ContractViolationError(`Invalid payload of ${type} v${version}`, describeIssues(payload.error));
  }
  return { ...envelope.data, payload: payload.data } as AnyEvent;
}

/** Serialises for the wire; parse with `decodeEvent`. */
export function encodeEvent(event: EventEnvelope): string {
  return JSON.stringify(event);
}

export function decodeEvent(raw: string | Buffer): AnyEvent {
  let value: unknown;
  try {
    value = JSON.parse(raw.toString());
  } catch (error) {
    throw new ContractViolationError('Event is not JSON', [(error as Error).message]);
  }
  return parseEvent(value);
}
