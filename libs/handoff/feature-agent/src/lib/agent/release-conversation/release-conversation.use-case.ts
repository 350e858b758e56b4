import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { releaseConversation, type ConversationView } from '@pegamento/data-access-conversations';
import type { AgentPrincipal } from '@pegamento/util-auth';
import { assertMayActOn, transitionAsAgent } from '../acting-agent';

/**
 * POST /api/v1/agent/conversations/{id}/release: back to the AI assistant (`bot`).
 * Only from `with_agent`, by the agent who has it or an admin; the policy tells the
 * customer who answers now (R06) when it reads the `conversation.status` event.
 */
@Injectable()
export class ReleaseConversationUseCase {
  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  execute(principal: AgentPrincipal, id: string): Promise<ConversationView> {
    return transitionAsAgent(this.dataSource, principal, id, (manager, agent, conversation) => {
      assertMayActOn(agent, conversation.assignedAgentId, conversation.status);
      return releaseConversation(manager, conversation);
    });
  }
}
