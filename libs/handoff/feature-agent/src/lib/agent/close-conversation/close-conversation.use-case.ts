import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { closeConversation, type ConversationView } from '@pegamento/data-access-conversations';
import type { AgentPrincipal } from '@pegamento/util-auth';
import { assertMayActOn, transitionAsAgent } from '../acting-agent';

/**
 * POST /api/v1/agent/conversations/{id}/close: closed, from any state. A conversation
 * another agent has is theirs to close (or an admin's); closing a closed one changes nothing.
 */
@Injectable()
export class CloseConversationUseCase {
  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  execute(principal: AgentPrincipal, id: string): Promise<ConversationView> {
    return transitionAsAgent(this.dataSource, principal, id, (manager, agent, conversation) => {
      assertMayActOn(agent, conversation.assignedAgentId, conversation.status);
      return closeConversation(manager, conversation);
    });
  }
}
