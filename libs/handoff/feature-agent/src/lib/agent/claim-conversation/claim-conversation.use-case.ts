import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { claimConversation, type ConversationView } from '@pegamento/data-access-conversations';
import type { AgentPrincipal } from '@pegamento/util-auth';
import { transitionAsAgent } from '../acting-agent';

/**
 * POST /api/v1/agent/conversations/{id}/claim: the conversation is now `with_agent`
 * for this agent. Another agent's conversation, or a closed one, is a conflict (409);
 * claiming one's own again changes nothing.
 */
@Injectable()
export class ClaimConversationUseCase {
  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  execute(principal: AgentPrincipal, id: string): Promise<ConversationView> {
    return transitionAsAgent(this.dataSource, principal, id, (manager, agent, conversation) =>
      claimConversation(manager, conversation, { id: agent.id, displayName: agent.displayName }),
    );
  }
}
