import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { createEvent, type AnyEvent } from '@pegamento/contracts';
import { claimConversation, type ConversationEntity } from '@pegamento/data-access-conversations';
import { lockUser } from '@pegamento/handoff-data-access';
import { chooseLeastBusy, type AssignmentCandidate } from '../least-busy';

interface CandidateRow {
  id: string;
  display_name: string;
  max_concurrent: number;
  open_conversations: number;
}

/**
 * Tenant setting `settings.autoAssign === true` (off by default): a conversation that
 * waits for a person goes at once to the least-busy available agent of its tenant who
 * speaks its language and has room under `maxConcurrent`.
 */
export function autoAssignEnabled(settings: Record<string, unknown> | null | undefined): boolean {
  return settings?.['autoAssign'] === true;
}

@Injectable()
export class AutoAssignUseCase {
  /**
   * Runs in the caller's transaction with the conversation row locked. Returns the
   * events to append (none when nobody has room: the conversation keeps waiting).
   */
  async execute(manager: EntityManager, conversation: ConversationEntity): Promise<AnyEvent[]> {
    if (conversation.status !== 'waiting_for_agent') return [];
    let candidates = await this.candidates(manager, conversation);
    // Each try locks the chosen agent and counts again: two conversations assigned at
    // the same moment cannot both take an agent's last free place.
    for (let tries = 0; tries < 5; tries++) {
      const chosen = chooseLeastBusy(candidates);
      if (!chosen) return [];
      const agent = await lockUser(manager, chosen.id);
      const open = agent ? await this.openConversations(manager, conversation.tenantId, agent.id) : Infinity;
      if (!agent || !agent.active || !agent.available || open >= agent.maxConcurrent) {
        candidates = candidates.filter((c) => c.id !== chosen.id);
        continue;
      }
      const transition = await claimConversation(manager, conversation, { id: agent.id, displayName: agent.displayName });
      const audit = createEvent('audit.recorded', {
        tenantId: conversation.tenantId,
        conversationId: conversation.id,
        payload: {
          action: 'handoff.auto_assigned',
          actor: { type: 'system', id: null },
          reason: 'least-busy available agent speaking the conversation language',
          details: { agentId: agent.id, openConversations: open, maxConcurrent: agent.maxConcurrent, locale: conversation.locale },
        },
      });
      return [...transition.events, audit];
    }
    return [];
  }

  private async candidates(manager: EntityManager, conversation: ConversationEntity): Promise<AssignmentCandidate[]> {
    const rows = (await manager.query(
      `SELECT u.id, u.display_name, u.max_concurrent,
              (SELECT count(*) FROM conversations c
                WHERE c.tenant_id = u.tenant_id AND c.status = 'with_agent' AND c.assigned_agent_id = u.id)::int AS open_conversations
       FROM users u
       WHERE u.tenant_id = $1 AND u.active AND u.available AND $2 = ANY(u.languages)`,
      [conversation.tenantId, conversation.locale],
    )) as CandidateRow[];
    return rows.map((r) => ({ id: r.id, displayName: r.display_name, maxConcurrent: r.max_concurrent, openConversations: r.open_conversations }));
  }

  private async openConversations(manager: EntityManager, tenantId: string, agentId: string): Promise<number> {
    const [row] = (await manager.query(
      `SELECT count(*)::int AS n FROM conversations WHERE tenant_id = $1 AND status = 'with_agent' AND assigned_agent_id = $2`,
      [tenantId, agentId],
    )) as { n: number }[];
    return row?.n ?? 0;
  }
}
