import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ConversationEntity, type ConversationView, type MessageView } from '@pegamento/data-access-conversations';
import type { AgentPrincipal } from '@pegamento/util-auth';
import { ClaimConversationUseCase } from './claim-conversation/claim-conversation.use-case';
import { CloseConversationUseCase } from './close-conversation/close-conversation.use-case';
import { ListQueueUseCase, type QueueItem } from './list-queue/list-queue.use-case';
import { ReadTranscriptUseCase, type Transcript } from './read-transcript/read-transcript.use-case';
import { ReleaseConversationUseCase } from './release-conversation/release-conversation.use-case';
import { SendAgentReplyUseCase } from './send-agent-reply/send-agent-reply.use-case';
import { agentMessageMaxChars, HANDOFF_FEATURE_CONFIG, type HandoffFeatureConfig } from '../handoff-feature.config';
import { currentHandoffRequest, lastMessages, summarise } from '../summary/handoff-request.lookup';

/**
 * The agent API's use cases as one object, for another front end of the same agents
 * (the Slack app, libs/handoff/feature-slack): it acts through exactly the code the
 * console's routes use (checks, transitions, events, audit), never a copy of it.
 */
@Injectable()
export class AgentDesk {
  /** The longest reply the agent API takes (WEB_MESSAGE_MAX_CHARS, default 4,000): the console's limit for Slack too. */
  readonly maxReplyChars: number;

  constructor(
    @Inject(ClaimConversationUseCase) private readonly claimUseCase: ClaimConversationUseCase,
    @Inject(SendAgentReplyUseCase) private readonly replyUseCase: SendAgentReplyUseCase,
    @Inject(ReleaseConversationUseCase) private readonly releaseUseCase: ReleaseConversationUseCase,
    @Inject(CloseConversationUseCase) private readonly closeUseCase: CloseConversationUseCase,
    @Inject(ReadTranscriptUseCase) private readonly transcriptUseCase: ReadTranscriptUseCase,
    @Inject(ListQueueUseCase) private readonly queueUseCase: ListQueueUseCase,
    @Inject(DataSource) private readonly dataSource: DataSource,
    @Inject(HANDOFF_FEATURE_CONFIG) config: HandoffFeatureConfig,
  ) {
    this.maxReplyChars = agentMessageMaxChars(config);
  }

  claim(agent: AgentPrincipal, conversationId: string): Promise<ConversationView> {
    return this.claimUseCase.execute(agent, conversationId);
  }

  reply(agent: AgentPrincipal, conversationId: string, text: string): Promise<MessageView> {
    return this.replyUseCase.execute(agent, conversationId, text);
  }

  release(agent: AgentPrincipal, conversationId: string): Promise<ConversationView> {
    return this.releaseUseCase.execute(agent, conversationId);
  }

  close(agent: AgentPrincipal, conversationId: string): Promise<ConversationView> {
    return this.closeUseCase.execute(agent, conversationId);
  }

  /** The transcript as the console reads it: the read is audited (`transcript.read`). */
  transcript(agent: AgentPrincipal, conversationId: string): Promise<Transcript> {
    return this.transcriptUseCase.execute(agent, conversationId);
  }

  queue(agent: AgentPrincipal): Promise<QueueItem[]> {
    return this.queueUseCase.execute(agent);
  }

  /**
   * The handoff summary the console shows (the stored one, a model's labelled "AI summary:",
   * else one made now from the trigger and the last messages), for a card that announces
   * the request: not an agent's read of the transcript, so not audited.
   */
  async summary(tenantId: string, conversationId: string): Promise<string | null> {
    const manager = this.dataSource.manager;
    const conversation = await manager.getRepository(ConversationEntity).findOneBy({ id: conversationId, tenantId });
    if (!conversation) return null;
    const request = await currentHandoffRequest(manager, conversation);
    if (!request) return null;
    return request.summary ?? summarise(request, await lastMessages(manager, conversation.id));
  }
}
