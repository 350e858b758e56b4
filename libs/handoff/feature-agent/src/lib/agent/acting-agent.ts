import type { DataSource, EntityManager } from 'typeorm';
import { appendToOutbox } from '@pegamento/data-access-bus';
import { lockConversation, toConversationView, type ConversationEntity, type ConversationView, type Transition } from '@pegamento/data-access-conversations';
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

/**
 * One agent action on one conversation, in one transaction: who acts (still active),
 * the conversation locked in the agent's tenant, the state change, and its events in
 * the outbox with it. Returns the conversation as the contract shows it.
 */
export function transitionAsAgent(
  dataSource: DataSource,
  principal: AgentPrincipal,
  id: string,
  change: (manager: EntityManager, agent: UserEntity, conversation: ConversationEntity) => Promise<Transition>,
): Promise<ConversationView> {
  const wanted = conversationId(id);
  return dataSource.transaction(async (manager) => {
    const agent = await actingAgent(manager, principal);
    const conversation = await lockConversation(manager, principal.tenantId, wanted);
    const transition = await change(manager, agent, conversation);
    await appendToOutbox(manager, transition.events);
    return toConversationView(transition.conversation);
  });
}
