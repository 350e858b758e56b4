import { Injectable } from '@nestjs/common';
import { createEvent, type EventOf } from '@pegamento/contracts';
import { EventConsumer, type EventHandlerDefinition, type HandlerContext } from '@pegamento/data-access-bus';
import { t } from '@pegamento/shared-domain';

/**
 * Drafts the assistant's answer. Until knowledge retrieval lands (AI-responder issue)
 * the draft is an honest "I can't answer this myself yet; a person can" that claims
 * no facts and is marked not grounded, so the policy hands over after two of them.
 */
@Injectable()
@EventConsumer()
export class DraftReplyConsumer implements EventHandlerDefinition<'ai.reply.requested'> {
  readonly group = 'ai-responder';
  readonly types = ['ai.reply.requested'] as const;

  async handle(event: EventOf<'ai.reply.requested'>, { emit }: HandlerContext): Promise<void> {
    await emit([
      createEvent('ai.reply.drafted', {
        tenantId: event.tenantId,
        conversationId: event.conversationId,
        causedBy: event,
        payload: {
          requestId: event.payload.requestId,
          inboundMessageId: event.payload.inboundMessageId,
          text: t('assistant.placeholderAnswer', event.payload.locale),
          locale: event.payload.locale,
          sources: [],
          grounded: false,
          wantsHuman: false,
          model: null,
        },
      }),
    ]);
  }
}
