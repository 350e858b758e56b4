import { Inject, Injectable, Logger, Optional } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { createEvent, type EventOf, type EventPayloads, type Source } from '@pegamento/contracts';
import { EventConsumer, type EventHandlerDefinition, type HandlerContext } from '@pegamento/data-access-bus';
import type { Hit } from '@pegamento/ai-responder-data-access-knowledge';
import { ANSWER_MODEL, ModelUnavailableError, type AnswerModel } from '@pegamento/ai-responder-data-access-model';
import { MessageEntity, TenantEntity } from '@pegamento/data-access-conversations';
import { buildSystemPrompt, t } from '@pegamento/shared-domain';
import { selectPassage } from './knowledge/answer-selection';
import { KnowledgeService } from './knowledge/knowledge.service';

type Draft = Pick<EventPayloads['ai.reply.drafted'], 'text' | 'sources' | 'grounded' | 'wantsHuman' | 'model' | 'unavailable'>;

const PASSAGES_FOR_MODEL = 3;
const HISTORY_TURNS = 6;

function uniqueSources(hits: readonly Hit[]): Source[] {
  const seen = new Map<string, Source>();
  for (const h of hits) if (!seen.has(h.articleId)) seen.set(h.articleId, { title: h.title, url: h.url });
  return [...seen.values()];
}

/**
 * Drafts the assistant's answer from the organisation's approved knowledge only (R13).
 * Without a model it answers extractively (the best passage, quoted, with its source).
 * With a model it answers from the top passages only; an answer the model cannot ground
 * is not sent as fact. Either way, when nothing fits it says plainly that it does not
 * know and offers a person; when the model fails or is slow it says so and a person
 * takes over.
 */
@Injectable()
@EventConsumer()
export class DraftReplyConsumer implements EventHandlerDefinition<'ai.reply.requested'> {
  readonly group = 'ai-responder';
  readonly types = ['ai.reply.requested'] as const;
  private readonly logger = new Logger(DraftReplyConsumer.name);

  constructor(
    private readonly knowledge: KnowledgeService,
    @Optional() @Inject(ANSWER_MODEL) private readonly model: AnswerModel | null = null,
  ) {}

  async handle(event: EventOf<'ai.reply.requested'>, { manager, emit }: HandlerContext): Promise<void> {
    const { locale } = event.payload;
    const question = await manager.getRepository(MessageEntity).findOneBy({ id: event.payload.inboundMessageId });
    let draft: Draft;
    if (!question) draft = this.dontKnow(locale, null);
    else if (this.model) draft = await this.withModel(this.model, manager, event, question, await this.knowledge.retrieve(event.tenantId, locale, question.text, PASSAGES_FOR_MODEL));
    else draft = this.extractive(locale, await this.knowledge.repository.search(event.tenantId, locale, question.text));
    await emit([
      createEvent('ai.reply.drafted', {
        tenantId: event.tenantId,
        conversationId: event.conversationId,
        causedBy: event,
        payload: { requestId: event.payload.requestId, inboundMessageId: event.payload.inboundMessageId, locale, ...draft },
      }),
    ]);
  }

  private extractive(locale: string, hits: readonly Hit[]): Draft {
    const hit = selectPassage(hits);
    if (!hit) return this.dontKnow(locale, null);
    return {
      text: t('assistant.knowledgeAnswer', locale, { title: hit.title, passage: hit.text }),
      sources: [{ title: hit.title, url: hit.url }],
      grounded: true,
      wantsHuman: false,
      model: null,
    };
  }

  private dontKnow(locale: string, model: string | null): Draft {
    return { text: t('assistant.dontKnow', locale), sources: [], grounded: false, wantsHuman: false, model };
  }

  private async withModel(model: AnswerModel, manager: EntityManager, event: EventOf<'ai.reply.requested'>, question: MessageEntity, hits: readonly Hit[]): Promise<Draft> {
    const { locale } = event.payload;
    const passagesHits = hits.slice(0, PASSAGES_FOR_MODEL);
    if (passagesHits.length === 0) return this.dontKnow(locale, null);
    const earlier = await manager.getRepository(MessageEntity).find({ where: { conversationId: event.conversationId }, order: { createdAt: 'DESC' }, take: HISTORY_TURNS + 1 });
    const history = earlier
      .filter((m) => m.id !== question.id && (m.authorType === 'customer' || m.authorType === 'ai'))
      .reverse()
      .map((m) => ({ role: m.authorType === 'customer' ? ('customer' as const) : ('assistant' as const), text: m.text }));
    const tenant = await manager.getRepository(TenantEntity).findOneBy({ id: event.tenantId });
    try {
      const answer = await model.answer({
        question: question.text,
        locale,
        passages: passagesHits.map((h) => ({ id: h.chunkId, title: h.title, text: h.text, url: h.url })),
        history,
        systemPrompt: buildSystemPrompt({ organisationName: tenant?.name ?? event.tenantId, locale }),
      });
      if (!answer.grounded) return { ...this.dontKnow(locale, answer.model), wantsHuman: answer.wantsHuman };
      const used = passagesHits.filter((h) => answer.usedPassageIds.includes(h.chunkId));
      return { text: answer.answer, sources: uniqueSources(used), grounded: true, wantsHuman: answer.wantsHuman, model: answer.model };
    } catch (error) {
      if (!(error instanceof ModelUnavailableError)) throw error;
      this.logger.warn({ code: error.code, conversationId: event.conversationId }, 'model unavailable: the customer is told and a person takes over');
      return { text: t('assistant.unavailable', locale), sources: [], grounded: false, wantsHuman: false, model: null, unavailable: true };
    }
  }
}
