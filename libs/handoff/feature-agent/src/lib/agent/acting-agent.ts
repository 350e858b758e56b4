import type { EntityManager } from 'typeorm';
import { isUuid } from '@pegamento/contracts';
import type { AgentPrincipal } from '@pegamento/util-auth';
import { UserEntity } from '@pegamento/handoff-data-access';
import { conversationNotFound, HandoffErrorCode, HandoffException } from '../handoff.exception';

/**
 * The user behind a token, as the database knows them now: a token outlives a
 * deactivation by up to JWT_TTL_SECONDS, so every agent route checks `active` again.
 */
export async function actingAgent(manager: EntityManager, principal: AgentPrincipal): Promise<UserEntity> {
  const user = await manager.getRepository(UserEntity).findOneBy({ id: principal.userId, tenantId: principal.tenantId });
  if (!user || !user.active) {
    throw new HandoffException(HandoffErrorCode.AccountInactive, 'Your account is not active any more. Ask an administrator.');
  }
  return user;
}

/** Conversation ids are UUIDs; anything else names no conversation (404, not 400: ids are opaque). */
export function conversationId(id: string): string {
  if (!isUuid(id)) throw conversationNotFound();
  return id.toLowerCase();
}

/** An agent may act on a conversation another agent holds only as an admin. */
export function assertMayActOn(user: UserEntity, assignedAgentId: string | null, status: string): void {
  if (status === 'with_agent' && assignedAgentId !== null && assignedAgentId !== user.id && user.role !== 'admin') {
    throw new HandoffException(HandoffErrorCode.Conflict, 'Another agent has this conversation.');
  }
}
