import type { EntityManager } from 'typeorm';
import { parseEvent, topicFor, type AnyEvent } from '@pegamento/contracts';

/** Channel the outbox signals on when a transaction that wrote events commits. */
export const OUTBOX_NOTIFY_CHANNEL = 'pegamento_outbox';

/**
 * Appends events to the transactional outbox inside the caller's transaction: the
 * state change and its events commit together or not at all. Each event is
 * validated against its contract here, so nothing invalid is ever published.
 */
export async function appendToOutbox(
  manager: EntityManager,
  events: readonly AnyEvent[],
  headers: Record<string, string> = {},
): Promise<void> {
  if (events.length === 0) return;
  if (!manager.queryRunner?.isTransactionActive) {
    throw new Error('appendToOutbox must run inside a transaction with the state change it describes');
  }
  const values: unknown[] = [];
  const rows: string[] = [];
  for (const raw of events) {
    const event = parseEvent(raw);
    const i = values.length;
    rows.push(`($${i + 1}, $${i + 2}, $${i + 3}, $${i + 4}, $${i + 5}::jsonb, $${i + 6}::jsonb)`);
    values.push(event.eventId, event.type, topicFor(event.type), event.conversationId, JSON.stringify(event), JSON.stringify(headers));
  }
  await manager.query(
    `INSERT INTO outbox (event_id, event_type, topic, message_key, envelope, headers) VALUES ${rows.join(', ')}`,
    values,
  );
  // Delivered to listening relays when (and only if) the transaction commits.
  await manager.query(`SELECT pg_notify($1, '')`, [OUTBOX_NOTIFY_CHANNEL]);
}
