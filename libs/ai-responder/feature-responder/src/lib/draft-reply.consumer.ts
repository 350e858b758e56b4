import { Injectable } from '@nestjs/common';
import { createEvent, type EventOf } from '@pegamento/contracts';
import { EventConsumer, type EventHandlerDefinition, type HandlerContext } from '@pegamento/data-access-bus';
import { KnowledgeRepository } from '@pegamento/ai-responder-data-access-knowledge';
import { MessageEntity } from '@pegamento/data-access-conversations';
import { t } from '@pegamento/shared-domain';
import { selectPassage } from './knowledge/answer-selection';

/**
 * Drafts the assistant's answer from the organisation's approved knowledge only (R13).
 * Without a model it answers extractively: the best matching passage, quoted, with its
 * source; when nothing matches well enough it says plainly that it does not know and
 * offers a person. It never composes facts.
 */
@Injectable()
@EventConsumer()
export class DraftReplyConsumer implements EventHandlerDefinition<'ai.reply.requested'> {
  readonly group = 'ai-responder';
  readonly types = ['ai.reply.requested'] as const;

  constructor(private readonly knowledge: KnowledgeRepository) {}

  async handle(event: EventOf<'ai.reply.requested'>, { manager, emit }: HandlerContext): Promise<void> {
    const { locale } = event.payload;
    const question = await manager.getRepository(MessageEntity).findOneBy({ id: event.payload.inboundMessageId });
    const hit = question ? selectPassage(await this.knowledge.search(event.tenantId, locale, question.text)) : null;
    const draft = hit
      ? { text: t('assistant.knowledgeAnswer', locale, { title: hit.title, passage: hit.text }), sources: [{ title: hit.title, url: hit.url }], grounded: true }
      : { text: t('assistant.dontKnow', locale), sources: [], grounded: false };
    await emit([
      createEvent('ai.reply.drafted', {
        tenantId: event.tenantId,
        conversationId: event.conversationId,
        causedBy: event,
        payload: { requestId: event.payload.requestId, inboundMessageId: event.payload.inboundMessageId, locale, ...draft, wantsHuman: false, model: null },
      }),
    ]);
  }
}
