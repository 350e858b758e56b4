import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { In, type EntityManager } from 'typeorm';
import type { EventOf } from '@pegamento/contracts';
import { ChannelIdentityEntity, ConversationEntity, EmailMessageEntity, MessageDeliveryEntity, MessageEntity, TenantEntity } from '@pegamento/data-access-conversations';
import { composeMailText, isAutomaticMail, newMessageId, referencesFor, replySubject, senderDisplayName, type MailAuthor } from '@pegamento/gateway-email-domain';
import { disclosureFor, parseTenantSettings, t } from '@pegamento/shared-domain';
import { EMAIL_SETTINGS, type EmailSettings } from '../email-channel.config';
import { recordMailDelivery } from '../send-queue/mail-delivery';

export type QueueMailOutcome = 'queued' | 'refused' | 'folded' | 'skipped';

/** The channel parameters of an e-mail in the send queue (message_deliveries.content_variables, encrypted). */
export interface MailParameters {
  subject: string;
  fromName: string;
  messageId: string;
  inReplyTo: string;
  /** Space-separated, without brackets. */
  references: string;
  /** `auto-replied` for mail no person wrote (R33), else empty. */
  autoSubmitted: string;
  [key: string]: string;
}

/**
 * Turns a `conversation.outbound` for e-mail into a mail in the shared send queue
 * (`message_deliveries`, ADR 0012), with everything fixed now so a retry sends the very
 * same mail: From the support address with a name that says who writes ("AI-assistent",
 * "Sanne (medewerker)"), "Re: " + the thread's subject, a new Message-ID, In-Reply-To and
 * References of the thread, and `Auto-Submitted: auto-replied` on every mail no person
 * wrote. The first AI mail of a thread starts with the disclosure: AI wrote it, and how
 * to reach a person (R01, R33); the policy's separate disclosure message is therefore
 * not mailed by itself ("folded"). Refusals are stored on the message for agents:
 * e-mail off, no address, or no automatic replies to this sender (the per-sender limit).
 */
@Injectable()
export class QueueMailUseCase {
  constructor(@Inject(EMAIL_SETTINGS) private readonly settings: EmailSettings) {}

  async execute(event: EventOf<'conversation.outbound'>, manager: EntityManager): Promise<QueueMailOutcome> {
    if (event.payload.channel !== 'email') return 'skipped';
    const messages = manager.getRepository(MessageEntity);
    const message = await messages.findOneBy({ id: event.payload.messageId, conversationId: event.conversationId });
    if (!message) return 'skipped';
    const deliveries = manager.getRepository(MessageDeliveryEntity);
    if (message.deliveryStatus || (await deliveries.countBy({ messageId: message.id })) > 0) return 'skipped';
    if (event.payload.disclosureVersion !== null) return 'folded';

    const refuse = async (code: string, text: string): Promise<QueueMailOutcome> => {
      await recordMailDelivery(manager, message, { status: 'failed', headerMessageId: null, code, message: text });
      return 'refused';
    };
    if (!this.settings.enabled || !this.settings.outboundUrl) return refuse('channel_off', 'E-mail is off (SUPPORT_EMAIL or SMTP_OUTBOUND_URL not set); nothing was sent.');
    const conversation = await manager.getRepository(ConversationEntity).findOneBy({ id: event.conversationId });
    const identity = conversation?.channelIdentityId ? await manager.getRepository(ChannelIdentityEntity).findOneBy({ id: conversation.channelIdentityId }) : null;
    if (!conversation || !identity || identity.channel !== 'email') return refuse('no_address', 'The conversation has no e-mail address to send to.');

    const author: MailAuthor = event.payload.author.type === 'agent' ? 'agent' : event.payload.author.type === 'ai' ? 'ai' : 'system';
    const automatic = isAutomaticMail(author);
    const emails = manager.getRepository(EmailMessageEntity);
    const thread = await emails.find({ where: { conversationId: conversation.id }, order: { createdAt: 'ASC' } });
    const lastInbound = [...thread].reverse().find((m) => m.direction === 'inbound') ?? null;
    if (automatic && lastInbound && !lastInbound.autoReply) {
      return refuse(
        'auto_reply_limited',
        `More than ${this.settings.autoReply.limit} mails from this address in ${this.settings.autoReply.windowMs / 60_000} minutes: no automatic replies (EMAIL_AUTO_REPLY_LIMIT). A person can still answer.`,
      );
    }

    const locale = event.payload.locale;
    const tenant = await manager.getRepository(TenantEntity).findOneBy({ id: conversation.tenantId });
    let disclosure: string | null = null;
    if (author === 'ai' && !(await this.disclosedInThread(manager, thread))) {
      const phone = tenant ? parseTenantSettings(tenant.settings).humanRoutes.phone : null;
      disclosure = [disclosureFor('email', locale).text, ...(phone ? [t('email.phoneRoute', locale, { phone })] : [])].join(' ');
    }
    const rootSubject = thread.find((m) => m.subject)?.subject ?? null;
    const inReplyTo = lastInbound?.headerMessageId ?? thread.at(-1)?.headerMessageId ?? null;
    const references = referencesFor(
      thread.map((m) => m.headerMessageId),
      inReplyTo,
    );
    const headerMessageId = newMessageId(randomUUID(), this.settings.supportAddress);
    const parameters: MailParameters = {
      subject: replySubject(rootSubject, t('email.subject', locale)),
      fromName: senderDisplayName(author, event.payload.author.displayName, {
        assistant: t('assistant.displayName', locale),
        role: t('agent.roleLabel', locale),
        system: t('system.displayName', locale),
      }),
      messageId: headerMessageId,
      inReplyTo: inReplyTo ?? '',
      references: references.join(' '),
      autoSubmitted: automatic ? 'auto-replied' : '',
    };
    await deliveries.insert({
      tenantId: message.tenantId,
      conversationId: message.conversationId,
      messageId: message.id,
      channel: 'email',
      part: 1,
      partCount: 1,
      toAddress: identity.address,
      fromAddress: this.settings.supportAddress,
      body: composeMailText(event.payload.text, disclosure),
      contentSid: null,
      contentVariables: parameters,
      state: 'pending',
      segments: null,
    });
    // Known at once, so a quick reply to it threads even before the relay took it.
    await emails.insert({
      tenantId: message.tenantId,
      conversationId: message.conversationId,
      messageId: message.id,
      direction: 'outbound',
      headerMessageId,
      subject: null,
      senderBidx: null,
      autoReply: true,
      carriesDisclosure: disclosure !== null,
    });
    await messages.update({ id: message.id }, { deliveryStatus: 'pending' });
    return 'queued';
  }

  /** An earlier mail of the thread carried the disclosure and was not refused by the relay. */
  private async disclosedInThread(manager: EntityManager, thread: EmailMessageEntity[]): Promise<boolean> {
    const carriers = thread.filter((m) => m.carriesDisclosure).map((m) => m.messageId);
    if (carriers.length === 0) return false;
    const failed = await manager.getRepository(MessageEntity).countBy({ id: In(carriers), deliveryStatus: 'failed' });
    return failed < carriers.length;
  }
}
