import { Injectable } from '@nestjs/common';
import type { AnyEvent, EventOf } from '@pegamento/contracts';
import { EventConsumer, type EventHandlerDefinition, type HandlerContext } from '@pegamento/data-access-bus';
import { AnnounceStatusUseCase } from './announce-status/announce-status.use-case';
import { DeliverAgentReplyUseCase } from './deliver-agent-reply/deliver-agent-reply.use-case';
import { DeliverAiDraftUseCase } from './deliver-ai-draft/deliver-ai-draft.use-case';
import { EvaluateInboundUseCase } from './evaluate-inbound/evaluate-inbound.use-case';

type Gated = 'conversation.inbound' | 'ai.reply.drafted' | 'agent.reply' | 'conversation.status';

/** The gate: every customer-bound text of every channel passes here last. */
@Injectable()
@EventConsumer()
export class PolicyGateConsumer implements EventHandlerDefinition<Gated> {
  readonly group = 'policy';
  readonly types = ['conversation.inbound', 'ai.reply.drafted', 'agent.reply', 'conversation.status'] as const;

  constructor(
    private readonly evaluateInbound: EvaluateInboundUseCase,
    private readonly deliverAiDraft: DeliverAiDraftUseCase,
    private readonly deliverAgentReply: DeliverAgentReplyUseCase,
    private readonly announceStatus: AnnounceStatusUseCase,
  ) {}

  async handle(event: EventOf<Gated>, { manager }: HandlerContext): Promise<void> {
    const e = event as AnyEvent;
    switch (e.type) {
      case 'conversation.inbound':
        return this.evaluateInbound.execute(e, manager);
      case 'ai.reply.drafted':
        return this.deliverAiDraft.execute(e, manager);
      case 'agent.reply':
        return this.deliverAgentReply.execute(e, manager);
      case 'conversation.status':
        return this.announceStatus.execute(e, manager);
      default:
        return;
    }
  }
}
