import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { AgentRef, EventEnvelope, EventOf } from '@pegamento/contracts';
import { appendToOutbox } from '@pegamento/data-access-bus';
import { ConversationEntity, HandoffRequestEntity, lockConversation } from '@pegamento/data-access-conversations';
import { formatOpening, nextOpeningAt, t, type TenantSettings } from '@pegamento/shared-domain';
import { CustomerNotifier, audit } from '../customer-notifier';
import { readTenantSettings } from '../tenant-settings.reader';

type Cause = Pick<EventEnvelope, 'eventId' | 'correlationId'>;

/** Tells the customer a person answers now, unless they were already told about this person. */
export async function announceAgent(
  notifier: CustomerNotifier,
  manager: EntityManager,
  conversation: ConversationEntity,
  agent: AgentRef,
  causedBy: Cause,
): Promise<void> {
  const speaker = `agent:${agent.id}`;
  if (conversation.announcedSpeaker === speaker) return;
  await notifier.notice(manager, conversation, t('status.agentJoined', conversation.locale, { agentName: agent.displayName }), causedBy, 'speaker.announced');
  conversation.announcedSpeaker = speaker;
}

/**
 * Puts every change of state into words for the customer (R06, R12): in the queue
 * (honestly, with the next opening time outside opening hours), a person joined,
 * back to the assistant, closed, open again.
 */
@Injectable()
export class AnnounceStatusUseCase {
  constructor(private readonly notifier: CustomerNotifier) {}

  async execute(event: EventOf<'conversation.status'>, manager: EntityManager): Promise<void> {
    const conversation = await lockConversation(manager, event.tenantId, event.conversationId);
    if (conversation.status !== event.payload.status) {
      // A later change overtook this one; the customer hears about that one instead.
      await appendToOutbox(manager, [audit(conversation, 'status.superseded', event, { status: event.payload.status })]);
      return;
    }
    const locale = conversation.locale;
    await this.notifier.ensureDisclosed(manager, conversation, event);
    switch (event.payload.status) {
      case 'waiting_for_agent':
        await this.announceQueue(manager, conversation, event);
        break;
      case 'with_agent':
        if (event.payload.assignedAgent) await announceAgent(this.notifier, manager, conversation, event.payload.assignedAgent, event);
        break;
      case 'bot':
        if (event.payload.previousStatus === 'closed') {
          await this.notifier.notice(manager, conversation, t('status.reopened', locale), event, 'status.announced');
        } else if (conversation.announcedSpeaker !== 'ai') {
          await this.notifier.notice(manager, conversation, t('status.backToAssistant', locale), event, 'speaker.announced');
        }
        conversation.announcedSpeaker = 'ai';
        break;
      case 'closed':
        await this.notifier.notice(manager, conversation, t('status.closed', locale), event, 'status.announced');
        conversation.announcedSpeaker = null;
        break;
    }
    await manager.getRepository(ConversationEntity).save(conversation);
  }

  private async announceQueue(manager: EntityManager, conversation: ConversationEntity, event: Cause): Promise<void> {
    const request = conversation.openHandoffId ? await manager.getRepository(HandoffRequestEntity).findOneBy({ id: conversation.openHandoffId }) : null;
    const locale = conversation.locale;
    if (request?.trigger === 'crisis') return; // already told, with care, when it was detected
    if (request?.trigger === 'flagged_answer') {
      await this.notifier.notice(manager, conversation, t('status.flagReceived', locale), event, 'status.announced');
    }
    if (!request?.outsideHours) {
      await this.notifier.notice(manager, conversation, t('status.waitingForAgent', locale), event, 'status.announced');
      return;
    }
    const settings = await readTenantSettings(manager, conversation.tenantId);
    await this.notifier.notice(manager, conversation, outsideHoursText(settings, locale, new Date()), event, 'status.announced.outside_hours');
  }
}

export function outsideHoursText(settings: TenantSettings, locale: string, now: Date): string {
  const routes = { phone: settings.humanRoutes.phone ?? '', email: settings.humanRoutes.email ?? '' };
  const next = nextOpeningAt(settings.openingHours, now);
  if (!routes.phone && !routes.email) {
    return next
      ? t('status.waitingOutsideHoursNoRoutes', locale, { nextOpening: formatOpening(next, locale, settings.openingHours.timeZone, now) })
      : t('status.waitingOutsideHoursUnknownNoRoutes', locale);
  }
  return next
    ? t('status.waitingOutsideHours', locale, { nextOpening: formatOpening(next, locale, settings.openingHours.timeZone, now), ...routes })
    : t('status.waitingOutsideHoursUnknown', locale, routes);
}
