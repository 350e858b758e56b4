import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { createEvent, type AnyEvent } from '@pegamento/contracts';
import { appendToOutbox } from '@pegamento/data-access-bus';
import {
  ChannelIdentityEntity,
  ContactEntity,
  ConversationEntity,
  MessageEntity,
  addressIndex,
  ensureTenant,
  phoneIndex,
  saveCustomerMessage,
  type MessageAttachment,
} from '@pegamento/data-access-conversations';
import { classifyComplianceKeyword, localeForPhone, parseTwilioAddress, type TwilioAddress } from '@pegamento/gateway-messaging-domain';
import { maskSpecialData, parseTenantSettings, resolveLocale, t } from '@pegamento/shared-domain';
import { TWILIO_SETTINGS, type TwilioSettings } from '../twilio-messaging.config';
import { TwilioErrorCode, TwilioException } from '../twilio-messaging.exception';
import type { FormParams } from '../webhook/twilio-request';
import { MAX_INBOUND_TEXT, inboundFormSchema, inboundMedia } from './inbound-form';

export interface Received {
  messageId: string;
  conversationId: string;
  duplicate: boolean;
}

/**
 * An inbound SMS or WhatsApp message, stored with its `conversation.inbound` event in
 * one transaction (once Twilio has its 200, the message is committed and will be
 * answered). The number is matched in E.164 to one contact across SMS and WhatsApp,
 * through the keyed blind indexes (numbers and texts are encrypted, ADR 0015);
 * its channel identity keeps the opt-out (STOP/START, applied here, at once) and the
 * time of the customer's last message (WhatsApp's window). A repeated MessageSid
 * (Twilio retries) stores nothing new.
 */
@Injectable()
export class ReceiveMessageUseCase {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(TWILIO_SETTINGS) private readonly settings: TwilioSettings,
  ) {}

  async execute(params: FormParams): Promise<Received> {
    const parsed = inboundFormSchema.safeParse(params);
    if (!parsed.success) {
      const problems = parsed.error.issues.map((i) => `${i.path.join('.') || 'form'}: ${i.message}`);
      throw new TwilioException(TwilioErrorCode.InvalidRequest, `The webhook form is not valid: ${problems.join('; ')}`);
    }
    const form = parsed.data;
    const from = parseTwilioAddress(form.From);
    if (!from) throw new TwilioException(TwilioErrorCode.InvalidRequest, 'From is not a phone number (E.164, or whatsapp:+…).');
    if (from.channel === 'sms' ? !this.settings.smsFrom : !this.settings.whatsappFrom) {
      throw new TwilioException(
        TwilioErrorCode.ChannelOff,
        from.channel === 'sms' ? 'SMS is off: set TWILIO_SMS_FROM.' : 'WhatsApp is off: set TWILIO_WHATSAPP_FROM.',
      );
    }
    const text = (form.Body ?? '').trim();
    if ([...text].length > MAX_INBOUND_TEXT) throw new TwilioException(TwilioErrorCode.MessageTooLong, `A message can be at most ${MAX_INBOUND_TEXT} characters.`);
    const attachments: MessageAttachment[] = inboundMedia(params, form.NumMedia ?? 0).map((m) => ({ ...m, sizeBytes: null }));
    return this.dataSource.transaction((manager) => this.store(manager, from, form.MessageSid, text, attachments));
  }

  private async store(manager: EntityManager, from: TwilioAddress, sid: string, text: string, attachments: MessageAttachment[]): Promise<Received> {
    const tenantId = this.settings.tenantId;
    // One number at a time: its contact, identity and conversation are created once, and
    // its messages are stored in the order they arrive.
    await manager.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [`twilio:${tenantId}:${from.phone}`]);
    const tenant = await ensureTenant(manager, tenantId, this.settings.defaultLocale);
    const now = new Date();
    const identities = manager.getRepository(ChannelIdentityEntity);
    let identity = await identities.findOneBy({ tenantId, channel: from.channel, addressBidx: addressIndex(tenantId, from.address) });
    let contact = identity ? await manager.getRepository(ContactEntity).findOneBy({ id: identity.contactId }) : null;
    if (!identity || !contact) {
      contact ??= await this.contactFor(manager, tenantId, from, resolveLocale(localeForPhone(from, tenant.defaultLocale), resolveLocale(tenant.defaultLocale)));
      identity ??= identities.create({ tenantId, channel: from.channel, address: from.address, optedOutAt: null, optedInAt: null, lastInboundAt: null });
      identity.contactId = contact.id;
      // A customer who writes to us on WhatsApp has opted in to answers there (R29).
      if (from.channel === 'whatsapp') identity.optedInAt ??= now;
      identity = await identities.save(identity);
    }
    const conversations = manager.getRepository(ConversationEntity);
    let conversation = await conversations.findOne({ where: { tenantId, channelIdentityId: identity.id }, order: { createdAt: 'DESC' } });
    if (conversation) {
      const duplicate = await manager.getRepository(MessageEntity).findOneBy({ conversationId: conversation.id, channelMessageId: sid, direction: 'inbound' });
      if (duplicate) return { messageId: duplicate.id, conversationId: conversation.id, duplicate: true };
    }
    const locale = resolveLocale(contact.locale, resolveLocale(tenant.defaultLocale));
    conversation ??= await conversations.save(
      conversations.create({
        tenantId,
        contactId: contact.id,
        channel: from.channel,
        status: 'bot',
        locale,
        tokenHash: null,
        channelIdentityId: identity.id,
        threadKey: identity.address,
        disclosureVersion: null,
        disclosedAt: null,
        announcedSpeaker: null,
      }),
    );

    const events: AnyEvent[] = [];
    // STOP/START/HELP on SMS and on WhatsApp alike; the opt-out is the channel's (an SMS STOP leaves WhatsApp as it was).
    const keyword = classifyComplianceKeyword(text, { optedOut: identity.optedOutAt !== null });
    if (keyword === 'opt_out' || keyword === 'opt_in') {
      if (keyword === 'opt_out') identity.optedOutAt = now;
      else {
        identity.optedOutAt = null;
        identity.optedInAt = now;
      }
      events.push(
        createEvent('audit.recorded', {
          tenantId,
          conversationId: conversation.id,
          payload: {
            action: keyword === 'opt_out' ? 'channel.opted_out' : 'channel.opted_in',
            actor: { type: 'customer', id: contact.id },
            reason: `the customer sent ${from.channel === 'sms' ? 'an SMS' : 'a WhatsApp'} ${keyword === 'opt_out' ? 'opt-out' : 'opt-in'} keyword`,
            details: { channel: from.channel, identityId: identity.id },
          },
        }),
      );
    }
    identity.lastInboundAt = now;
    await identities.save(identity);

    // A BSN or special-category data is masked before it is stored, unless the tenant has a legal basis (R16).
    const { text: stored, masked } = maskSpecialData(text, conversation.locale, parseTenantSettings(tenant.settings).legalBasis);
    const message = await saveCustomerMessage(manager, {
      conversation,
      authorId: contact.id,
      authorDisplayName: contact.displayName ?? t('customer.displayName', conversation.locale),
      text: stored,
      channelMessageId: sid,
      attachments,
    });
    events.unshift(
      createEvent('conversation.inbound', {
        tenantId,
        conversationId: conversation.id,
        payload: {
          messageId: message.id,
          channel: from.channel,
          contactId: contact.id,
          text: stored,
          locale: conversation.locale,
          clientMessageId: null,
          channelMessageId: sid,
          attachments,
          receivedAt: message.createdAt.toISOString(),
          ...(keyword ? { keyword } : {}),
          ...(masked.length > 0 ? { maskedData: masked } : {}),
        },
      }),
    );
    await appendToOutbox(manager, events);
    return { messageId: message.id, conversationId: conversation.id, duplicate: false };
  }

  /** The contact with this phone number (known from SMS, WhatsApp or a form), or a new one. */
  private async contactFor(manager: EntityManager, tenantId: string, from: TwilioAddress, locale: string): Promise<ContactEntity> {
    const contacts = manager.getRepository(ContactEntity);
    const known = await contacts.findOne({ where: { tenantId, phoneBidx: phoneIndex(tenantId, from.phone) }, order: { createdAt: 'ASC' } });
    if (known) return known;
    return contacts.save(contacts.create({ tenantId, displayName: null, email: null, phone: from.phone, locale }));
  }
}
