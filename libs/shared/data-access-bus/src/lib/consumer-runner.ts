import { createHash } from 'node:crypto';
import type { DataSource, EntityManager } from 'typeorm';
import {
  ContractViolationError,
  createEvent,
  decodeEvent,
  parseEvent,
  topicFor,
  type AnyEvent,
  type EventOf,
  type EventType,
} from '@pegamento/contracts';
import type { EventBus, ReceivedMessage } from './event-bus.port';
import { appendToOutbox } from './outbox';
import type { BusLogger } from './bus-logger';
import type { BusMetrics } from './bus-metrics';
import { SealedEventError, type EventSealer, type OpenedMessage } from './event-sealer';

export interface HandlerContext {
  /** The handler's transaction: its writes, the inbox row and its outgoing events commit together. */
  manager: EntityManager;
  /** 1 on the first try. */
  attempt: number;
  /** Appends events to the outbox in this transaction. */
  emit(events: readonly AnyEvent[]): Promise<void>;
}

export interface EventHandlerDefinition<T extends EventType = EventType> {
  /** Consumer group: each group sees every event of its types once in effect. */
  group: string;
  types: readonly T[];
  /**
   * `broadcast`: every process running this consumer handles every event (from the
   * moment it started), without the inbox and without dead letters; a failure after the
   * last try is logged and dropped. Only for read-only work local to the process, such
   * as pushing to the sockets it holds. Default: once per group.
   */
  delivery?: 'group' | 'broadcast';
  handle(event: EventOf<T>, context: HandlerContext): Promise<void>;
}

/** Thrown by a handler for a failure no retry can mend: the event goes straight to the dead letters. */
export class PermanentHandlerError extends Error {
  override readonly name = 'PermanentHandlerError';
}

export interface RetryPolicy {
  maxAttempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
}

class ShutdownInterruption extends Error {
  override readonly name = 'ShutdownInterruption';
}

const MAX_ERROR_TEXT = 2_000;

/**
 * Runs consumer groups on any EventBus with one set of rules: validate the event,
 * skip it if the group's inbox already has it, run the handler in a transaction that
 * also writes the inbox row, retry a failure a finite number of times with
 * exponential back-off, then dead-letter it so the partition moves on.
 */
export class ConsumerRunner {
  private readonly groups = new Map<string, Map<string, EventHandlerDefinition>>();
  private readonly broadcastGroups = new Set<string>();
  private stopping = false;
  private readonly wakeSleepers = new Set<() => void>();

  constructor(
    private readonly dataSource: DataSource,
    private readonly retry: RetryPolicy,
    private readonly logger: BusLogger,
    private readonly metrics?: BusMetrics,
    /** Opens sealed payloads (ADR 0018); without it, a sealed event fails its contract check. */
    private readonly sealer?: EventSealer,
  ) {}

  register<T extends EventType>(definition: EventHandlerDefinition<T>): void {
    const broadcast = definition.delivery === 'broadcast';
    const existing = this.groups.get(definition.group);
    if (existing && broadcast !== this.broadcastGroups.has(definition.group)) {
      throw new Error(`Group ${definition.group} mixes broadcast and group delivery`);
    }
    if (broadcast) this.broadcastGroups.add(definition.group);
    const byType = existing ?? new Map<string, EventHandlerDefinition>();
    for (const type of definition.types) {
      if (byType.has(type)) throw new Error(`Group ${definition.group} already handles ${type}`);
      byType.set(type, definition as unknown as EventHandlerDefinition);
    }
    this.groups.set(definition.group, byType);
  }

  /** Topics the registered groups read. */
  topics(): string[] {
    const topics = new Set<string>();
    for (const byType of this.groups.values()) for (const type of byType.keys()) topics.add(topicFor(type as EventType));
    return [...topics];
  }

  async start(bus: EventBus): Promise<void> {
    this.stopping = false;
    for (const [group, byType] of this.groups) {
      const topics = [...new Set([...byType.keys()].map((t) => topicFor(t as EventType)))];
      const broadcast = this.broadcastGroups.has(group);
      await bus.subscribe({ groupId: group, topics, broadcast, handle: (message) => this.process(group, byType, message) });
    }
  }

  /** Stops retrying: a message between tries is left unacknowledged, to be delivered again. */
  beginShutdown(): void {
    this.stopping = true;
    for (const wake of this.wakeSleepers) wake();
  }

  private async process(group: string, byType: Map<string, EventHandlerDefinition>, message: ReceivedMessage): Promise<void> {
    let event: AnyEvent;
    try {
      if (this.sealer) {
        const opened = await this.open(this.sealer, message);
        if (opened.kind === 'shredded') {
          // The conversation was erased and its key with it: there is nothing left to read.
          this.metrics?.consumed(group, 'sealed', 'erased');
          return;
        }
        event = parseEvent(opened.envelope);
      } else event = decodeEvent(message.value);
    } catch (error) {
      // The key could not be read (the database): up to the bus, which delivers the message again.
      if (!(error instanceof ContractViolationError || error instanceof SealedEventError)) throw error;
      await this.deadLetter(group, message, null, error, 0);
      return;
    }
    const definition = byType.get(event.type);
    if (!definition) return;
    const fields = { group, eventId: event.eventId, type: event.type, conversationId: event.conversationId, tenantId: event.tenantId };
    const broadcast = this.broadcastGroups.has(group);

    let lastError: unknown;
    let attempt = 0;
    while (attempt < this.retry.maxAttempts) {
      if (this.stopping && attempt > 0) throw new ShutdownInterruption('shutting down between retries');
      attempt += 1;
      try {
        const outcome = await this.dataSource.transaction(async (manager) => {
          // A broadcast group is one group per process: an inbox row per process would only pile up.
          const inserted = broadcast
            ? [event.eventId]
            : ((await manager.query(
                `INSERT INTO inbox (consumer_group, event_id, event_type) VALUES ($1, $2, $3)
                 ON CONFLICT DO NOTHING RETURNING event_id`,
                [group, event.eventId, event.type],
              )) as unknown[]);
          if (inserted.length === 0) return 'duplicate' as const;
          // The conversation was erased while this event was in flight: writing it back would undo the erasure.
          const erased = (await manager.query(`SELECT 1 FROM erased_keys WHERE message_key = $1`, [event.conversationId])) as unknown[];
          if (erased.length > 0) return 'erased' as const;
          await definition.handle(event, { manager, attempt, emit: (events) => appendToOutbox(manager, events) });
          return 'handled' as const;
        });
        this.metrics?.consumed(group, event.type, outcome);
        return;
      } catch (error) {
        lastError = error;
        if (error instanceof ContractViolationError || error instanceof PermanentHandlerError) break;
        this.metrics?.consumed(group, event.type, 'retried');
        this.logger.warn('event handler failed', { ...fields, attempt, error: (error as Error).message });
        if (attempt < this.retry.maxAttempts) await this.backoff(attempt);
      }
    }
    if (broadcast) {
      // Nothing to replay later: the sockets this push was for may be gone by then.
      this.metrics?.consumed(group, event.type, 'dropped');
      this.logger.error('broadcast event dropped', { ...fields, attempts: attempt, error: (lastError as Error)?.message });
      return;
    }
    await this.deadLetter(group, message, event, lastError, attempt);
  }

  /**
   * The message's envelope with its payload opened (ADR 0018). Reading the key can fail like
   * any database call: tried again with the handlers' back-off, then the error goes up and
   * the bus delivers the message again. A damaged sealed payload throws SealedEventError.
   */
  private async open(sealer: EventSealer, message: ReceivedMessage): Promise<OpenedMessage> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await sealer.open(this.dataSource, message.key, message.value);
      } catch (error) {
        if (error instanceof SealedEventError || error instanceof ContractViolationError || attempt >= this.retry.maxAttempts || this.stopping) throw error;
        this.logger.warn('could not read the key of a sealed event', { topic: message.topic, attempt, error: (error as Error).message });
        await this.backoff(attempt);
      }
    }
  }

  private async backoff(attempt: number): Promise<void> {
    const exp = Math.min(this.retry.maxDelayMs, this.retry.baseDelayMs * 2 ** (attempt - 1));
    const delay = Math.round(exp / 2 + Math.random() * (exp / 2));
    await new Promise<void>((resolve) => {
      const wake = () => {
        clearTimeout(timer);
        this.wakeSleepers.delete(wake);
        resolve();
      };
      const timer = setTimeout(wake, delay);
      this.wakeSleepers.add(wake);
    });
  }

  private async deadLetter(
    group: string,
    message: ReceivedMessage,
    event: AnyEvent | null,
    error: unknown,
    attempts: number,
  ): Promise<void> {
    const errorText = (error instanceof Error ? `${error.name}: ${error.message}` : String(error)).slice(0, MAX_ERROR_TEXT);
    const eventId = event?.eventId ?? `raw:${createHash('sha256').update(message.value).digest('hex')}`;
    const envelope = event ?? { raw: message.value.slice(0, 100_000) };
    await this.dataSource.transaction(async (manager) => {
      const [row] = (await manager.query(
        `INSERT INTO dead_letters
           (consumer_group, topic, event_id, event_type, tenant_id, message_key, envelope, error, attempts, dead_lettered_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7::jsonb, $8, $9, now())
         ON CONFLICT (consumer_group, event_id) DO UPDATE
           SET error = EXCLUDED.error, attempts = EXCLUDED.attempts, envelope = EXCLUDED.envelope,
               dead_lettered_at = now(), replayed_at = NULL
         RETURNING id`,
        [group, message.topic, eventId, event?.type ?? null, event?.tenantId ?? null, message.key, JSON.stringify(envelope), errorText, attempts],
      )) as { id: string }[];
      const notice = createEvent('bus.dead-lettered', {
        tenantId: event?.tenantId ?? 'unknown',
        conversationId: event?.conversationId ?? (message.key || 'unknown'),
        causedBy: event ?? undefined,
        payload: { deadLetterId: row!.id, consumerGroup: group, topic: message.topic, attempts, error: errorText, original: envelope },
      });
      await appendToOutbox(manager, [notice]);
    });
    this.metrics?.consumed(group, event?.type ?? 'invalid', 'dead_lettered');
    this.logger.error('event dead-lettered', {
      group,
      eventId,
      type: event?.type,
      conversationId: event?.conversationId,
      tenantId: event?.tenantId,
      attempts,
      error: errorText,
    });
  }
}
