import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { appendToOutbox } from '@pegamento/data-access-bus';
import { claimConversation, lockConversation, toConversationView, type ConversationView } from '@pegamento/data-access-conversations';
import type { AgentPrincipal } from '@pegamento/util-auth';
import { actingAgent, conversationId } from '../acting-agent';

/**
 * POST /api/v1/agent/conversations/{id}/claim: the conversation is now `with_agent`
 * for this agent. Another agent's conversation, or a closed one, is a conflict (409);
 * claiming one's own again changes nothing.
 */
@Injectable()
export class ClaimConversationUseCase {
  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  execute(principal: AgentPrincipal, id: string): Promise<ConversationView> {
    const wanted = conversationId(id);
    return this.dataSource.transaction(async (manager) => {
      const agent = await actingAgent(manager, principal);
      const conversation = await lockConversation(manager, principal.tenantId, wanted);
      const transition = await claimConversation(manager, conversation, { id: agent.id, displayName: agent.displayName });
      await appendToOutbox(manager, transition.events);
      return toConversationView(transition.conversation);
    });
  }
}
