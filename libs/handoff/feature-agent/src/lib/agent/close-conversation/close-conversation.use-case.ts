import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { appendToOutbox } from '@pegamento/data-access-bus';
import { closeConversation, lockConversation, toConversationView, type ConversationView } from '@pegamento/data-access-conversations';
import type { AgentPrincipal } from '@pegamento/util-auth';
import { actingAgent, assertMayActOn, conversationId } from '../acting-agent';

/**
 * POST /api/v1/agent/conversations/{id}/close: closed, from any state. A conversation
 * another agent has is theirs to close (or an admin's); closing a closed one changes nothing.
 */
@Injectable()
export class CloseConversationUseCase {
  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  execute(principal: AgentPrincipal, id: string): Promise<ConversationView> {
    const wanted = conversationId(id);
    return this.dataSource.transaction(async (manager) => {
      const agent = await actingAgent(manager, principal);
      const conversation = await lockConversation(manager, principal.tenantId, wanted);
      assertMayActOn(agent, conversation.assignedAgentId, conversation.status);
      const transition = await closeConversation(manager, conversation);
      await appendToOutbox(manager, transition.events);
      return toConversationView(transition.conversation);
    });
  }
}
