import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { Channel, EventOf } from '@pegamento/contracts';
import { appendToOutbox } from '@pegamento/data-access-bus';
import { ConversationEntity, TenantEntity, lockConversation, requestHuman } from '@pegamento/data-access-conversations';
import { guardAiDraft } from '@pegamento/policy-domain';
import { ASSISTANT_CANARY, buildSystemPrompt, isOpenAt, t } from '@pegamento/shared-domain';
import { CustomerNotifier, audit } from '../customer-notifier';
import { readTenantSettings } from '../tenant-settings.reader';

/** Longest AI message per channel; the output guard cuts longer drafts at a sentence end. */
export const MAX_AI_TEXT: Record<Channel, number> = { web: 4_000, whatsapp: 1_600, sms: 1_000, email: 10_000 };

/**
 * Lets an AI draft through to the customer, labelled as AI (R03, R04), only while the
 * assistant still has the conversation. Two answers in a row that rest on no approved
 * content hand the conversation to a person (R13).
 */
@Injectable()
export class DeliverAiDraftUseCase {
  constructor(private readonly notifier: CustomerNotifier) {}

  async execute(event: EventOf<'ai.reply.drafted'>, manager: EntityManager): Promise<void> {
    const conversation = await lockConversation(manager, event.tenantId, event.conversationId);
    if (conversation.status !== 'bot') {
      await appendToOutbox(manager, [audit(conversation, 'ai.draft.discarded', event, { status: conversation.status }, 'a person has the conversation')]);
      return;
    }
    await this.notifier.ensureDisclosed(manager, conversation, event);
    if (conversation.announcedSpeaker !== 'ai') {
      await this.notifier.notice(manager, conversation, t('status.backToAssistant', conversation.locale), event, 'speaker.announced');
      conversation.announcedSpeaker = 'ai';
    }
    // The output guard (R05, R13, R15): no claim to be human, no leak of the
    // instructions, no links but the knowledge base's, a length that fits the channel.
    const tenant = await manager.getRepository(TenantEntity).findOneBy({ id: conversation.tenantId });
    const verdict = guardAiDraft({
      text: event.payload.text,
      locale: conversation.locale,
      channel: conversation.channel,
      allowedUrls: event.payload.sources.flatMap((s) => (s.url ? [s.url] : [])),
      systemPrompt: buildSystemPrompt({ organisationName: tenant?.name ?? conversation.tenantId, locale: conversation.locale }),
      canary: ASSISTANT_CANARY,
      maxLength: MAX_AI_TEXT[conversation.channel],
    });
    // WhatsApp bans general-purpose assistants (since 15 January 2026, R29): a model's
    // answer that rests on none of the organisation's content does not go out there.
    const offBusiness = conversation.channel === 'whatsapp' && !event.payload.grounded && event.payload.model !== null && event.payload.unavailable !== true;
    const blocked = verdict.verdict === 'blocked' || offBusiness;
    const humanClaim = verdict.reasons.some((r) => r === 'claims_human' || r === 'human_persona_name');
    const text = blocked ? t(humanClaim ? 'assistant.notHuman' : 'assistant.dontKnow', conversation.locale) : verdict.text;
    await this.notifier.send(
      manager,
      conversation,
      {
        authorType: 'ai',
        displayName: t('assistant.displayName', conversation.locale),
        text,
        aiGenerated: true,
        sources: blocked ? [] : event.payload.sources,
      },
      event,
      blocked ? 'ai.answer.blocked' : verdict.verdict === 'rewritten' ? 'ai.answer.rewritten' : 'ai.answer.sent',
    );
    if (offBusiness) {
      await appendToOutbox(manager, [audit(conversation, 'whatsapp.business_only', event, { model: event.payload.model }, 'ungrounded model answer on WhatsApp')]);
    }
    if (verdict.reasons.length > 0) {
      await appendToOutbox(manager, [audit(conversation, `output_guard.${verdict.verdict}`, event, { reasons: verdict.reasons.join(',') }, 'output guard')]);
    }

    conversation.ungroundedStreak = event.payload.grounded && !blocked ? 0 : conversation.ungroundedStreak + 1;
    await manager.getRepository(ConversationEntity).save(conversation);
    const settings = await readTenantSettings(manager, conversation.tenantId);
    const limit = settings.triggers.ungroundedAnswers;
    const couldNotAnswer = event.payload.unavailable === true || (limit > 0 && conversation.ungroundedStreak >= limit);
    const trigger = event.payload.wantsHuman ? 'customer_request' : couldNotAnswer ? 'could_not_answer' : null;
    if (!trigger) return;
    const requested = await requestHuman(manager, conversation, {
      trigger,
      reason: trigger === 'customer_request' ? 'model:wants_human' : event.payload.unavailable ? 'model_unavailable' : `ungrounded_answers:${conversation.ungroundedStreak}`,
      messageId: event.payload.inboundMessageId,
      outsideHours: !isOpenAt(settings.openingHours, new Date()),
      causedBy: event,
    });
    await appendToOutbox(manager, [...requested.events, audit(conversation, 'escalation.requested', event, { trigger })]);
  }
}
