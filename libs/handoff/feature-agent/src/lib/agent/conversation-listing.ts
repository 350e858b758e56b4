import { In, type EntityManager } from 'typeorm';
import type { HandoffTrigger } from '@pegamento/contracts';
import { ConversationEntity, toConversationView, type ConversationView } from '@pegamento/data-access-conversations';

/** One row of an agent's list: the contract's Conversation plus what the console shows beside it. */
export interface ConversationListItem extends ConversationView {
  /** When the open request for a person was made; null without one. */
  waitingSince: string | null;
  trigger: HandoffTrigger | null;
  outsideHours: boolean | null;
  lastActivityAt: string;
}

export interface ListingRow {
  id: string;
  requested_at: Date | null;
  trigger: HandoffTrigger | null;
  outside_hours: boolean | null;
  last_activity_at: Date;
}

/** Loads the conversations of `rows` and returns them in the rows' order. */
export async function toListItems(manager: EntityManager, rows: readonly ListingRow[]): Promise<{ row: ListingRow; item: ConversationListItem }[]> {
  if (rows.length === 0) return [];
  const conversations = await manager.getRepository(ConversationEntity).findBy({ id: In(rows.map((r) => r.id)) });
  const byId = new Map(conversations.map((c) => [c.id, c]));
  return rows.flatMap((row) => {
    const conversation = byId.get(row.id);
    if (!conversation) return [];
    return [
      {
        row,
        item: {
          ...toConversationView(conversation),
          waitingSince: row.requested_at ? new Date(row.requested_at).toISOString() : null,
          trigger: row.trigger,
          outsideHours: row.outside_hours,
          lastActivityAt: new Date(row.last_activity_at).toISOString(),
        },
      },
    ];
  });
}

/** Columns every listing selects: the open request and the time of the last message or change. */
export const LISTING_SELECT = `
  SELECT c.id, h.requested_at, h.trigger, h.outside_hours,
         GREATEST(c.updated_at, lm.created_at) AS last_activity_at
  FROM conversations c
  LEFT JOIN handoff_requests h ON h.id = c.open_handoff_id
  LEFT JOIN LATERAL (
    SELECT m.created_at FROM messages m WHERE m.conversation_id = c.id ORDER BY m.created_at DESC LIMIT 1
  ) lm ON true`;
