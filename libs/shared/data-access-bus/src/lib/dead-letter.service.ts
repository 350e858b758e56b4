import type { DataSource } from 'typeorm';
import { parseEvent, topicFor } from '@pegamento/contracts';
import { appendToOutbox } from './outbox';

export interface DeadLetterView {
  id: string;
  consumerGroup: string;
  topic: string;
  eventId: string;
  eventType: string | null;
  tenantId: string | null;
  conversationId: string;
  error: string;
  attempts: number;
  deadLetteredAt: string;
  replayedAt: string | null;
  replayCount: number;
}

export class DeadLetterError extends Error {
  override readonly name = 'DeadLetterError';
  constructor(
    readonly code: 'not_found' | 'not_replayable',
    message: string,
  ) {
    super(message);
  }
}

interface Row {
  id: string;
  consumer_group: string;
  topic: string;
  event_id: string;
  event_type: string | null;
  tenant_id: string | null;
  message_key: string;
  envelope: Record<string, unknown>;
  error: string;
  attempts: number;
  dead_lettered_at: Date;
  replayed_at: Date | null;
  replay_count: number;
}

function view(row: Row): DeadLetterView {
  return {
    id: row.id,
    consumerGroup: row.consumer_group,
    topic: row.topic,
    eventId: row.event_id,
    eventType: row.event_type,
    tenantId: row.tenant_id,
    conversationId: row.message_key,
    error: row.error,
    attempts: row.attempts,
    deadLetteredAt: row.dead_lettered_at.toISOString(),
    replayedAt: row.replayed_at?.toISOString() ?? null,
    replayCount: row.replay_count,
  };
}

/** Lists and replays dead letters (operators: `npm run dead-letters`). */
export class DeadLetterService {
  constructor(private readonly dataSource: DataSource) {}

  async list(filter: { group?: string; includeReplayed?: boolean; limit?: number } = {}): Promise<DeadLetterView[]> {
    const rows = (await this.dataSource.query(
      `SELECT * FROM dead_letters
        WHERE ($1::text IS NULL OR consumer_group = $1) AND ($2::boolean OR replayed_at IS NULL)
        ORDER BY dead_lettered_at, id LIMIT $3`,
      [filter.group ?? null, filter.includeReplayed ?? false, Math.min(filter.limit ?? 100, 1_000)],
    )) as Row[];
    return rows.map(view);
  }

  /**
   * Puts the original event back on its topic through the outbox. Groups that already
   * handled it skip it (inbox); the group that failed gets it again.
   */
  async replay(id: string): Promise<DeadLetterView> {
    return this.dataSource.transaction(async (manager) => {
      const [row] = (await manager.query('SELECT * FROM dead_letters WHERE id::text = $1 FOR UPDATE', [id])) as Row[];
      if (!row) throw new DeadLetterError('not_found', `No dead letter ${id}`);
      let event;
      try {
        event = parseEvent(row.envelope);
      } catch {
        throw new DeadLetterError('not_replayable', `Dead letter ${id} is not a valid event (it was dead-lettered for that)`);
      }
      if (topicFor(event.type) !== row.topic) {
        throw new DeadLetterError('not_replayable', `Dead letter ${id} came from ${row.topic}, not the topic of ${event.type}`);
      }
      await appendToOutbox(manager, [event], { 'x-pegamento-replay-of': row.id });
      const [updated] = (await manager.query(
        `UPDATE dead_letters SET replayed_at = now(), replay_count = replay_count + 1 WHERE id = $1 RETURNING *`,
        [row.id],
      )) as [Row[], number];
      return view(updated[0]!);
    });
  }

  async replayAll(group?: string): Promise<DeadLetterView[]> {
    const open = await this.list({ group, limit: 1_000 });
    const replayed: DeadLetterView[] = [];
    for (const letter of open) {
      if (letter.eventType === null) continue;
      replayed.push(await this.replay(letter.id));
    }
    return replayed;
  }
}
