import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { ConversationStatus } from '@pegamento/contracts';
import type { AgentPrincipal } from '@pegamento/util-auth';
import { actingAgent } from '../acting-agent';
import { LISTING_SELECT, toListItems, type ConversationListItem, type ListingRow } from '../conversation-listing';

export const LIST_LIMIT = 200;

/** GET /api/v1/agent/conversations?status=: the tenant's conversations, newest activity first. */
@Injectable()
export class ListConversationsUseCase {
  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  async execute(principal: AgentPrincipal, status: ConversationStatus | undefined): Promise<ConversationListItem[]> {
    const manager = this.dataSource.manager;
    await actingAgent(manager, principal);
    const rows = (await manager.query(
      `${LISTING_SELECT}
       WHERE c.tenant_id = $1 AND ($2::text IS NULL OR c.status = $2)
       ORDER BY last_activity_at DESC, c.id
       LIMIT ${LIST_LIMIT}`,
      [principal.tenantId, status ?? null],
    )) as ListingRow[];
    return (await toListItems(manager, rows)).map(({ item }) => item);
  }
}
