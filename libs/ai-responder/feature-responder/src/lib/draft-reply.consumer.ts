import { Inject, Injectable, Logger, Optional } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { createEvent, type EventOf, type EventPayloads, type Source } from '@pegamento/contracts';
import { EventConsumer, type EventHandlerDefinition, type HandlerContext } from '@pegamento/data-access-bus';
import type { Hit } from '@pegamento/ai-responder-data-access-knowledge';
import { ANSWER_MODEL, ModelUnavailableError, type AnswerModel } from '@pegamento/ai-responder-data-access-model';
import { BackofficeClient } from '@pegamento/data-access-backoffice';
import { ContactEntity, ConversationEntity, MessageEntity, TenantEntity } from '@pegamento/data-access-conversations';
import { buildSystemPrompt, t, type Pseudonymiser } from '@pegamento/shared-domain';
import { selectPassage } from './knowledge/answer-selection';
import { KnowledgeService } from './knowledge/knowledge.service';
import { isOrderStatusQuestion } from './orders/order-question';
import { pseudonymiserForConversation } from './privacy/conversation-pseudonymiser';
import { RESPONDER_CONFIG, type ResponderConfig } from './responder.config';

type Draft = Pick<EventPayloads['ai.reply.drafted'], 'text' | 'sources' | 'grounded' | 'wantsHuman' | 'model' | 'unavailable'>;

const PASSAGES_FOR_MODEL = 3;
/** Orders named in one order-status answer (the back office lists the newest first). */
const ORDERS_IN_ANSWER = 3;
/** Channels whose address the carrier vouches for: only there may the assistant read out orders (ADR 0019). */
const VERIFIED_CHANNELS = new Set(['sms', 'whatsapp']);
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
  private readonly backoffice: BackofficeClient | null;

  constructor(
    private readonly knowledge: KnowledgeService,
    @Optional() @Inject(ANSWER_MODEL) private readonly model: AnswerModel | null = null,
    @Optional() @Inject(RESPONDER_CONFIG) config: ResponderConfig | null = null,
  ) {
    this.backoffice = config?.backoffice ? new BackofficeClient(config.backoffice) : null;
  }

  async handle(event: EventOf<'ai.reply.requested'>, { manager, emit }: HandlerContext): Promise<void> {
    const { locale } = event.payload;
    const question = await manager.getRepository(MessageEntity).findOneBy({ id: event.payload.inboundMessageId });
    let draft: Draft;
    const orders = question ? await this.orderStatus(manager, event, question.text) : null;
    if (!question) draft = this.dontKnow(locale, null);
    else if (orders) draft = orders;
    else if (this.model) {
      // Everything that goes to the model passes this conversation's pseudonymiser first (R17).
      const pseudonymiser = await pseudonymiserForConversation(manager, event.tenantId, event.conversationId);
      const hits = await this.knowledge.retrieve(event.tenantId, locale, question.text, PASSAGES_FOR_MODEL, pseudonymiser);
      draft = await this.withModel(this.model, manager, event, question, hits, pseudonymiser);
    } else draft = this.extractive(locale, await this.knowledge.repository.search(event.tenantId, locale, question.text));
    await emit([
      createEvent('ai.reply.drafted', {
        tenantId: event.tenantId,
        conversationId: event.conversationId,
        causedBy: event,
        payload: { requestId: event.payload.requestId, inboundMessageId: event.payload.inboundMessageId, locale, ...draft },
      }),
    ]);
  }

  /**
   * "Where is my order?" on SMS or WhatsApp, from a number the back office knows: the
   * customer's newest orders and their status, straight from the back office (no model, no
   * guessing). Web chat and e-mail addresses are not verified (anyone can type an address),
   * so there the question goes the usual way. Null when this is not such a question, the
   * back office is off, knows no orders for the number, or fails (then the usual way, too).
   */
  private async orderStatus(manager: EntityManager, event: EventOf<'ai.reply.requested'>, text: string): Promise<Draft | null> {
    if (!this.backoffice || !isOrderStatusQuestion(text)) return null;
    const conversation = await manager.getRepository(ConversationEntity).findOneBy({ id: event.conversationId, tenantId: event.tenantId });
    if (!conversation || !VERIFIED_CHANNELS.has(conversation.channel) || !conversation.contactId) return null;
    const contact = await manager.getRepository(ContactEntity).findOneBy({ id: conversation.contactId });
    if (!contact?.phone) return null;
    const outcome = await this.backoffice.customerContext({ email: null, phone: contact.phone });
    if (outcome.kind === 'failed') {
      this.logger.warn({ conversationId: event.conversationId, code: outcome.code }, 'back office unavailable for an order-status question: answered the usual way');
      return null;
    }
    const orders = outcome.value.orders.slice(0, ORDERS_IN_ANSWER);
    if (orders.length === 0) return null;
    const { locale } = event.payload;
    const list = orders.map((o) => `${o.id}${o.status ? `: ${o.status}` : ''}${o.date ? ` (${o.date})` : ''}`).join('; ');
    return { text: t('assistant.orderStatus', locale, { orders: list }), sources: [{ title: t('assistant.orderSource', locale), url: null }], grounded: true, wantsHuman: false, model: null };
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

  /**
   * The question, the last turns and the passages go to the model pseudonymised; the
   * answer comes back with the real values restored where the model used a placeholder.
   * The policy's output guard then checks the restored text: exactly what the customer
   * will read (its length, its links).
   */
  private async withModel(
    model: AnswerModel,
    manager: EntityManager,
    event: EventOf<'ai.reply.requested'>,
    question: MessageEntity,
    hits: readonly Hit[],
    pseudonymiser: Pseudonymiser,
  ): Promise<Draft> {
    const mask = (text: string) => pseudonymiser.pseudonymise(text);
    const { locale } = event.payload;
    const passagesHits = hits.slice(0, PASSAGES_FOR_MODEL);
    if (passagesHits.length === 0) return this.dontKnow(locale, null);
    const earlier = await manager.getRepository(MessageEntity).find({ where: { conversationId: event.conversationId }, order: { createdAt: 'DESC' }, take: HISTORY_TURNS + 1 });
    const history = earlier
      .filter((m) => m.id !== question.id && (m.authorType === 'customer' || m.authorType === 'ai'))
      .reverse()
      .map((m) => ({ role: m.authorType === 'customer' ? ('customer' as const) : ('assistant' as const), text: mask(m.text) }));
    const tenant = await manager.getRepository(TenantEntity).findOneBy({ id: event.tenantId });
    try {
      const answer = await model.answer({
        question: mask(question.text),
        locale,
        // The organisation's content, masked only where it quotes personal data.
        passages: passagesHits.map((h) => ({ id: h.chunkId, title: mask(h.title), text: mask(h.text), url: h.url })),
        history,
        systemPrompt: buildSystemPrompt({ organisationName: tenant?.name ?? event.tenantId, locale }),
      });
      if (!answer.grounded) return { ...this.dontKnow(locale, answer.model), wantsHuman: answer.wantsHuman };
      const used = passagesHits.filter((h) => answer.usedPassageIds.includes(h.chunkId));
      return { text: pseudonymiser.restore(answer.answer), sources: uniqueSources(used), grounded: true, wantsHuman: answer.wantsHuman, model: answer.model };
    } catch (error) {
      if (!(error instanceof ModelUnavailableError)) throw error;
      this.logger.warn({ code: error.code, conversationId: event.conversationId }, 'model unavailable: the customer is told and a person takes over');
      return { text: t('assistant.unavailable', locale), sources: [], grounded: false, wantsHuman: false, model: null, unavailable: true };
    }
  }
}
