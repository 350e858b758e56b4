import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { AgentPrincipal } from '@pegamento/util-auth';
import { actingAgent } from '../acting-agent';
import { LISTING_SELECT, toListItems, type ConversationListItem, type ListingRow } from '../conversation-listing';

export interface QueueItem extends ConversationListItem {
  waitingSeconds: number;
  /** The conversation's language is one the agent answers in. */
  matchesLanguages: boolean;
}

const QUEUE_LIMIT = 200;

/**
 * GET /api/v1/agent/queue: the tenant's conversations waiting for a person, those in
 * the agent's languages first, then the longest waiting first.
 */
@Injectable()
export class ListQueueUseCase {
  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  async execute(principal: AgentPrincipal, now = new Date()): Promise<QueueItem[]> {
    const manager = this.dataSource.manager;
    const agent = await actingAgent(manager, principal);
    const rows = (await manager.query(
      `${LISTING_SELECT}
       WHERE c.tenant_id = $1 AND c.status = 'waiting_for_agent'
       ORDER BY (c.locale = ANY($2::text[])) DESC, COALESCE(h.requested_at, c.updated_at) ASC, c.id
       LIMIT ${QUEUE_LIMIT}`,
      [principal.tenantId, agent.languages],
    )) as ListingRow[];
    return (await toListItems(manager, rows)).map(({ row, item }) => {
      const since = row.requested_at ? new Date(row.requested_at) : new Date(item.updatedAt);
      return {
        ...item,
        waitingSince: since.toISOString(),
        waitingSeconds: Math.max(0, Math.round((now.getTime() - since.getTime()) / 1_000)),
        matchesLanguages: agent.languages.includes(item.locale),
      };
    });
  }
}
