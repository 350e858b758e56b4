import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { In, MoreThan, type DataSource, type EntityManager } from 'typeorm';
import { createEvent, type AnyEvent } from '@pegamento/contracts';
import { appendToOutbox } from '@pegamento/data-access-bus';
import {
  ChannelIdentityEntity,
  ContactEntity,
  ConversationEntity,
  EmailMessageEntity,
  addressIndex,
  emailIndex,
  ensureTenant,
  saveCustomerMessage,
  type MessageAttachment,
} from '@pegamento/data-access-conversations';
import { UnparsableMailError, parseInboundMail, type InboundMail } from '@pegamento/gateway-email-data-access-email';
import { autoReplyBlock, stripQuotedReply, withinSenderLimit, type LoopReason } from '@pegamento/gateway-email-domain';
import { maskSpecialData, parseTenantSettings, resolveLocale, t } from '@pegamento/shared-domain';
import { EMAIL_SETTINGS, type EmailSettings } from '../email-channel.config';
import { EmailErrorCode, EmailException } from '../email-channel.exception';

/** Longest text of a message (the conversation.inbound contract). */
export const MAX_INBOUND_TEXT = 20_000;
/** Most attachments recorded per mail (the conversation.inbound contract). */
export const MAX_ATTACHMENTS = 20;

export type ReceiveOutcome =
  | { outcome: 'stored'; messageId: string; conversationId: string; autoReply: boolean }
  | { outcome: 'duplicate'; messageId: string; conversationId: string }
  | { outcome: 'dropped'; reason: LoopReason | 'own_address' };

/** Where the mail came from: the SMTP envelope sender (null for `<>`), unknown for the webhook. */
export interface MailSource {
  via: 'webhook' | 'smtp';
  envelopeSender?: string | null;
}

/**
 * One inbound e-mail (webhook or SMTP), stored with its `conversation.inbound` event in
 * one transaction; the rest (policy, AI, agents) runs through the bus.
 *
 * - Automatic mail (R33: Auto-Submitted other than "no", an empty Return-Path, Precedence
 *   bulk/list/junk, List-* headers) and mail from our own address is dropped: nothing is
 *   stored, nothing answered (ADR 0016).
 * - A repeated Message-ID stores nothing new.
 * - A mail whose In-Reply-To/References names a mail of a conversation of the same sender
 *   continues it; any other starts a new conversation.
 * - The sender is matched to a contact by the blind index of the address (ADR 0015).
 * - Only the new text counts (quoted earlier mail and signature are cut); BSN and
 *   special-category data are masked before storage (R16), in the subject as well.
 * - Above EMAIL_AUTO_REPLY_LIMIT mails from one address in the window, the mail is stored
 *   and shown to agents, but gets no automatic reply.
 */
@Injectable()
export class ReceiveMailUseCase {
  private readonly logger = new Logger(ReceiveMailUseCase.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(EMAIL_SETTINGS) private readonly settings: EmailSettings,
  ) {}

  async execute(raw: Buffer, source: MailSource): Promise<ReceiveOutcome> {
    let mail: InboundMail;
    try {
      mail = await parseInboundMail(raw);
    } catch (error) {
      if (error instanceof UnparsableMailError) throw new EmailException(EmailErrorCode.InvalidMessage, error.message);
      throw error;
    }
    const loop = mail.from.address === this.settings.supportAddress ? 'own_address' : autoReplyBlock({ headers: mail.headers, envelopeSender: source.envelopeSender });
    if (loop) {
      this.logger.log({ via: source.via, reason: loop }, 'automatic e-mail dropped (no reply, nothing stored)');
      return { outcome: 'dropped', reason: loop };
    }
    return this.dataSource.transaction((manager) => this.store(manager, mail));
  }

  private async store(manager: EntityManager, mail: InboundMail): Promise<ReceiveOutcome> {
    const tenantId = this.settings.tenantId;
    // One sender at a time: their contact, identity and conversation are created once, the
    // per-sender count is exact, and a Message-ID posted twice at once is stored once.
    await manager.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [`email:${tenantId}:${mail.from.address}`]);
    const emails = manager.getRepository(EmailMessageEntity);
    const duplicate = await emails.findOneBy({ tenantId, headerMessageId: mail.messageId });
    if (duplicate) return { outcome: 'duplicate', messageId: duplicate.messageId, conversationId: duplicate.conversationId };

    const tenant = await ensureTenant(manager, tenantId, this.settings.defaultLocale);
    const now = new Date();
    const identities = manager.getRepository(ChannelIdentityEntity);
    let identity = await identities.findOneBy({ tenantId, channel: 'email', addressBidx: addressIndex(tenantId, mail.from.address) });
    let contact = identity ? await manager.getRepository(ContactEntity).findOneBy({ id: identity.contactId }) : null;
    if (!identity || !contact) {
      contact ??= await this.contactFor(manager, tenantId, mail, resolveLocale(tenant.defaultLocale));
      identity ??= identities.create({ tenantId, channel: 'email', address: mail.from.address, optedOutAt: null, optedInAt: null, lastInboundAt: null });
      identity.contactId = contact.id;
      identity = await identities.save(identity);
    }

    const conversations = manager.getRepository(ConversationEntity);
    let conversation: ConversationEntity | null = null;
    if (mail.threadIds.length > 0) {
      const known = await emails.find({ where: { tenantId, headerMessageId: In(mail.threadIds) } });
      // In the order of the candidates; only a thread of this same sender (a Message-ID is no secret).
      for (const id of mail.threadIds) {
        const row = known.find((k) => k.headerMessageId === id);
        if (!row) continue;
        const candidate = await conversations.findOneBy({ id: row.conversationId, tenantId });
        if (candidate && candidate.channelIdentityId === identity.id) {
          conversation = candidate;
          break;
        }
      }
    }
    const settings = parseTenantSettings(tenant.settings);
    conversation ??= await conversations.save(
      conversations.create({
        tenantId,
        contactId: contact.id,
        channel: 'email',
        status: 'bot',
        locale: resolveLocale(contact.locale, resolveLocale(tenant.defaultLocale)),
        tokenHash: null,
        channelIdentityId: identity.id,
        threadKey: mail.messageId,
        disclosureVersion: null,
        disclosedAt: null,
        announcedSpeaker: null,
      }),
    );
    identity.lastInboundAt = now;
    await identities.save(identity);

    const senderBidx = emailIndex(tenantId, mail.from.address);
    const recent = await emails.countBy({ tenantId, senderBidx, direction: 'inbound', createdAt: MoreThan(new Date(now.getTime() - this.settings.autoReply.windowMs)) });
    const autoReply = withinSenderLimit(recent, this.settings.autoReply.limit);

    // The new text only; the subject when the mail has no text of its own.
    const body = stripQuotedReply(mail.text) || (mail.subject ?? '');
    const text = [...body].slice(0, MAX_INBOUND_TEXT).join('');
    // A BSN or special-category data is masked before it is stored, unless the tenant has a legal basis (R16).
    const { text: stored, masked } = maskSpecialData(text, conversation.locale, settings.legalBasis);
    const subject = mail.subject ? maskSpecialData(mail.subject, conversation.locale, settings.legalBasis) : null;
    const maskedData = [...new Set([...masked, ...(subject?.masked ?? [])])];
    const attachments: MessageAttachment[] = mail.attachments
      .slice(0, MAX_ATTACHMENTS)
      .map((a) => ({ contentType: a.contentType.slice(0, 255), url: null, sizeBytes: a.sizeBytes, filename: a.filename }));

    const message = await saveCustomerMessage(manager, {
      conversation,
      authorId: contact.id,
      authorDisplayName: contact.displayName ?? t('customer.displayName', conversation.locale),
      text: stored,
      channelMessageId: mail.messageId,
      attachments,
    });
    await emails.insert({
      tenantId,
      conversationId: conversation.id,
      messageId: message.id,
      direction: 'inbound',
      headerMessageId: mail.messageId,
      subject: subject?.text ?? null,
      senderBidx,
      autoReply,
      carriesDisclosure: false,
    });
    const events: AnyEvent[] = [
      createEvent('conversation.inbound', {
        tenantId,
        conversationId: conversation.id,
        payload: {
          messageId: message.id,
          channel: 'email',
          contactId: contact.id,
          text: stored,
          locale: conversation.locale,
          clientMessageId: null,
          channelMessageId: mail.messageId,
          attachments,
          receivedAt: message.createdAt.toISOString(),
          ...(maskedData.length > 0 ? { maskedData } : {}),
        },
      }),
    ];
    if (!autoReply) {
      events.push(
        createEvent('audit.recorded', {
          tenantId,
          conversationId: conversation.id,
          payload: {
            action: 'email.auto_reply_limited',
            actor: { type: 'system', id: null },
            reason: 'more mails from this address than EMAIL_AUTO_REPLY_LIMIT in the window: no automatic replies',
            details: { messageId: message.id, limit: this.settings.autoReply.limit },
          },
        }),
      );
    }
    await appendToOutbox(manager, events);
    return { outcome: 'stored', messageId: message.id, conversationId: conversation.id, autoReply };
  }

  /** The contact with this e-mail address (known from the web chat, a form or an earlier mail), or a new one. */
  private async contactFor(manager: EntityManager, tenantId: string, mail: InboundMail, locale: string): Promise<ContactEntity> {
    const contacts = manager.getRepository(ContactEntity);
    const known = await contacts.findOne({ where: { tenantId, emailBidx: emailIndex(tenantId, mail.from.address) }, order: { createdAt: 'ASC' } });
    if (known) return known;
    return contacts.save(contacts.create({ tenantId, displayName: mail.from.name, email: mail.from.address, phone: null, locale }));
  }
}
