import type { EntityManager } from 'typeorm';
import { createEvent, isUuid, type AgentRef, type AnyEvent, type ConversationStatus, type EventEnvelope, type HandoffTrigger } from '@pegamento/contracts';
import { ConversationEntity } from './conversation.entity';
import { HandoffRequestEntity } from './handoff-request.entity';
import { TenantEntity } from './tenant.entity';

/**
 * The conversation's state machine (architecture.md: bot → waiting_for_agent →
 * with_agent → bot | closed). Each function runs inside the caller's transaction,
 * changes the row and returns the events to append to the outbox with it; the policy
 * turns `conversation.status` into the words the customer sees.
 */
export class ConversationStateError extends Error {
  override readonly name = 'ConversationStateError';
  constructor(
    readonly code: 'not_found' | 'conflict',
    message: string,
  ) {
    super(message);
  }
}

export interface Transition {
  conversation: ConversationEntity;
  events: AnyEvent[];
  changed: boolean;
}

type Cause = Pick<EventEnvelope, 'eventId' | 'correlationId'> | undefined;

/** Locks the conversation row for the rest of the transaction. */
export async function lockConversation(manager: EntityManager, tenantId: string, conversationId: string): Promise<ConversationEntity> {
  if (!isUuid(conversationId)) throw new ConversationStateError('not_found', 'No such conversation');
  const conversation = await manager
    .getRepository(ConversationEntity)
    .createQueryBuilder('c')
    .setLock('pessimistic_write')
    .where('c.id = :id AND c.tenant_id = :tenantId', { id: conversationId, tenantId })
    .getOne();
  if (!conversation) throw new ConversationStateError('not_found', 'No such conversation');
  return conversation;
}

function statusEvent(c: ConversationEntity, previous: ConversationStatus, reason: string | null, causedBy: Cause): AnyEvent {
  const assignedAgent: AgentRef | null = c.assignedAgentId ? { id: c.assignedAgentId, displayName: c.assignedAgentName ?? '' } : null;
  return createEvent('conversation.status', {
    tenantId: c.tenantId,
    conversationId: c.id,
    causedBy,
    payload: { status: c.status, previousStatus: previous, assignedAgent, reason },
  });
}

export interface HumanRequest {
  trigger: HandoffTrigger;
  /** Machine-readable reason (rule id, topic); never customer text. */
  reason: string | null;
  outsideHours: boolean;
  messageId: string | null;
  summary?: string | null;
  now?: Date;
  causedBy?: Cause;
}

/** Puts the conversation in the queue for a person, at once (R10); a second ask while waiting changes nothing. */
export async function requestHuman(manager: EntityManager, conversation: ConversationEntity, request: HumanRequest): Promise<Transition> {
  if (conversation.status === 'waiting_for_agent' || conversation.status === 'with_agent') {
    return { conversation, events: [], changed: false };
  }
  const now = request.now ?? new Date();
  const previous = conversation.status;
  const handoff = await manager.getRepository(HandoffRequestEntity).save(
    manager.getRepository(HandoffRequestEntity).create({
      tenantId: conversation.tenantId,
      conversationId: conversation.id,
      channel: conversation.channel,
      trigger: request.trigger,
      reason: request.reason,
      summary: request.summary ?? null,
      outsideHours: request.outsideHours,
      requestedAt: now,
    }),
  );
  conversation.status = 'waiting_for_agent';
  conversation.openHandoffId = handoff.id;
  conversation.closedAt = null;
  await manager.getRepository(ConversationEntity).save(conversation);
  const handoffEvent = createEvent('handoff.requested', {
    tenantId: conversation.tenantId,
    conversationId: conversation.id,
    causedBy: request.causedBy,
    occurredAt: now,
    payload: {
      trigger: request.trigger,
      reason: request.reason,
      channel: conversation.channel,
      locale: conversation.locale,
      messageId: request.messageId,
      summary: request.summary ?? null,
    },
  });
  return { conversation, events: [handoffEvent, statusEvent(conversation, previous, request.trigger, request.causedBy)], changed: true };
}

/** An agent takes the conversation; a second agent gets a conflict. */
export async function claimConversation(manager: EntityManager, conversation: ConversationEntity, agent: AgentRef, now = new Date()): Promise<Transition> {
  if (conversation.status === 'with_agent') {
    if (conversation.assignedAgentId === agent.id) return { conversation, events: [], changed: false };
    throw new ConversationStateError('conflict', 'Another agent already has this conversation');
  }
  if (conversation.status === 'closed') throw new ConversationStateError('conflict', 'The conversation is closed');
  const previous = conversation.status;
  const requests = manager.getRepository(HandoffRequestEntity);
  if (!conversation.openHandoffId) {
    // An agent takes over a conversation nobody asked a person for: still on record.
    const handoff = await requests.save(
      requests.create({
        tenantId: conversation.tenantId,
        conversationId: conversation.id,
        channel: conversation.channel,
        trigger: 'agent_initiated',
        reason: null,
        summary: null,
        outsideHours: false,
        requestedAt: now,
      }),
    );
    conversation.openHandoffId = handoff.id;
  }
  await requests.update({ id: conversation.openHandoffId }, { claimedAt: now, agentId: agent.id });
  conversation.status = 'with_agent';
  conversation.assignedAgentId = agent.id;
  conversation.assignedAgentName = agent.displayName;
  await manager.getRepository(ConversationEntity).save(conversation);
  return { conversation, events: [statusEvent(conversation, previous, 'claimed', undefined)], changed: true };
}

/** Back to the AI assistant (only from a person). */
export async function releaseConversation(manager: EntityManager, conversation: ConversationEntity): Promise<Transition> {
  if (conversation.status !== 'with_agent') {
    throw new ConversationStateError('conflict', 'Only a conversation with a person can be released to the assistant');
  }
  const previous = conversation.status;
  conversation.status = 'bot';
  conversation.assignedAgentId = null;
  conversation.assignedAgentName = null;
  conversation.openHandoffId = null;
  conversation.ungroundedStreak = 0;
  await manager.getRepository(ConversationEntity).save(conversation);
  return { conversation, events: [statusEvent(conversation, previous, 'released', undefined)], changed: true };
}

export async function closeConversation(manager: EntityManager, conversation: ConversationEntity, now = new Date()): Promise<Transition> {
  if (conversation.status === 'closed') return { conversation, events: [], changed: false };
  const previous = conversation.status;
  conversation.status = 'closed';
  conversation.closedAt = now;
  conversation.openHandoffId = null;
  await manager.getRepository(ConversationEntity).save(conversation);
  return { conversation, events: [statusEvent(conversation, previous, 'closed', undefined)], changed: true };
}

/** A customer writes again in a closed conversation: the assistant answers again. */
export async function reopenConversation(manager: EntityManager, conversation: ConversationEntity, causedBy?: Cause): Promise<Transition> {
  if (conversation.status !== 'closed') return { conversation, events: [], changed: false };
  conversation.status = 'bot';
  conversation.closedAt = null;
  conversation.assignedAgentId = null;
  conversation.assignedAgentName = null;
  conversation.ungroundedStreak = 0;
  await manager.getRepository(ConversationEntity).save(conversation);
  return { conversation, events: [statusEvent(conversation, 'closed', 'reopened', causedBy)], changed: true };
}

/** The tenant row, created on first use with defaults (the standalone process's `default`). */
export async function ensureTenant(manager: EntityManager, tenantId: string, defaultLocale: string): Promise<TenantEntity> {
  await manager.query(`INSERT INTO tenants (id, name, default_locale) VALUES ($1, $2, $3) ON CONFLICT (id) DO NOTHING`, [
    tenantId,
    tenantId === 'default' ? 'Default' : tenantId,
    defaultLocale,
  ]);
  return manager.getRepository(TenantEntity).findOneByOrFail({ id: tenantId });
}
