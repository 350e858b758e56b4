import { Inject, Injectable, Logger, Optional } from '@nestjs/common';
import { createEvent, type EventOf } from '@pegamento/contracts';
import { EventConsumer, type EventHandlerDefinition, type HandlerContext } from '@pegamento/data-access-bus';
import { ANSWER_MODEL, ModelUnavailableError, type AnswerModel } from '@pegamento/ai-responder-data-access-model';
import { HandoffRequestEntity, MessageEntity, TenantEntity } from '@pegamento/data-access-conversations';
import { buildSystemPrompt } from '@pegamento/shared-domain';
import { pseudonymiserForConversation } from './privacy/conversation-pseudonymiser';

const TRANSCRIPT_MESSAGES = 12;

/** Marks a summary as written by a model, for the agent who reads it. */
export const AI_SUMMARY_LABEL = 'AI summary: ';

/**
 * With a model configured, writes a short hand-over summary for the agent (the
 * customer's question, what the assistant answered, why it escalated) over the plain
 * one the handoff service keeps (last messages and the trigger). Without a model, or
 * when the model fails, the plain summary stays.
 */
@Injectable()
@EventConsumer()
export class HandoffSummaryConsumer implements EventHandlerDefinition<'handoff.requested'> {
  readonly group = 'ai-responder-summary';
  readonly types = ['handoff.requested'] as const;
  private readonly logger = new Logger(HandoffSummaryConsumer.name);

  constructor(@Optional() @Inject(ANSWER_MODEL) private readonly model: AnswerModel | null = null) {}

  async handle(event: EventOf<'handoff.requested'>, { manager, emit }: HandlerContext): Promise<void> {
    if (!this.model) return;
    const request = await manager.getRepository(HandoffRequestEntity).findOne({
      where: { conversationId: event.conversationId, tenantId: event.tenantId },
      order: { requestedAt: 'DESC' },
    });
    if (!request) return;
    const messages = await manager.getRepository(MessageEntity).find({
      where: { conversationId: event.conversationId },
      order: { createdAt: 'DESC' },
      take: TRANSCRIPT_MESSAGES,
    });
    const tenant = await manager.getRepository(TenantEntity).findOneBy({ id: event.tenantId });
    // The transcript goes to the model pseudonymised (R17); the agent reads the summary with the real values back.
    const pseudonymiser = await pseudonymiserForConversation(manager, event.tenantId, event.conversationId);
    try {
      const masked = await this.model.summarise({
        locale: event.payload.locale,
        trigger: event.payload.trigger,
        transcript: messages.reverse().map((m) => ({ role: m.authorType === 'ai' ? 'assistant' : m.authorType, text: pseudonymiser.pseudonymise(m.text) })),
        systemPrompt: buildSystemPrompt({ organisationName: tenant?.name ?? event.tenantId, locale: event.payload.locale }),
      });
      const summary = pseudonymiser.restore(masked);
      await manager.getRepository(HandoffRequestEntity).update({ id: request.id }, { summary: `${AI_SUMMARY_LABEL}${summary.slice(0, 3_000)}` });
      // Views that already showed the plain summary (the Slack card) show this one.
      await emit([createEvent('handoff.summarized', { tenantId: event.tenantId, conversationId: event.conversationId, causedBy: event, payload: { handoffId: request.id, aiWritten: true } })]);
    } catch (error) {
      if (!(error instanceof ModelUnavailableError)) throw error;
      this.logger.warn({ code: error.code, conversationId: event.conversationId }, 'no model summary: the plain one stays');
    }
  }
}
