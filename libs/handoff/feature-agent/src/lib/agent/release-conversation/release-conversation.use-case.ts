import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { appendToOutbox } from '@pegamento/data-access-bus';
import { lockConversation, releaseConversation, toConversationView, type ConversationView } from '@pegamento/data-access-conversations';
import type { AgentPrincipal } from '@pegamento/util-auth';
import { actingAgent, assertMayActOn, conversationId } from '../acting-agent';

/**
 * POST /api/v1/agent/conversations/{id}/release: back to the AI assistant (`bot`).
 * Only from `with_agent`, by the agent who has it or an admin; the policy tells the
 * customer who answers now (R06) when it reads the `conversation.status` event.
 */
@Injectable()
export class ReleaseConversationUseCase {
  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  execute(principal: AgentPrincipal, id: string): Promise<ConversationView> {
    const wanted = conversationId(id);
    return this.dataSource.transaction(async (manager) => {
      const agent = await actingAgent(manager, principal);
      const conversation = await lockConversation(manager, principal.tenantId, wanted);
      assertMayActOn(agent, conversation.assignedAgentId, conversation.status);
      const transition = await releaseConversation(manager, conversation);
      await appendToOutbox(manager, transition.events);
      return toConversationView(transition.conversation);
    });
  }
}
