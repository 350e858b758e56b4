import { Inject, Injectable } from '@nestjs/common';
import { DataSource, In } from 'typeorm';
import { createEvent } from '@pegamento/contracts';
import { appendToOutbox } from '@pegamento/data-access-bus';
import {
  ChannelIdentityEntity,
  ContactEntity,
  ConversationEntity,
  EmailMessageEntity,
  HandoffRequestEntity,
  MessageEntity,
  toConversationView,
  toMessageView,
} from '@pegamento/data-access-conversations';
import { AuditLogEntity } from '@pegamento/policy-data-access';
import type { AgentPrincipal } from '@pegamento/util-auth';
import { findSubjectScope } from '../subject/subject-scope';
import type { Subject } from '../subject/subject';

/**
 * GET /api/v1/privacy/subjects/export (R20): everything the platform keeps about one person
 * in the admin's tenant, from every store, as one JSON document: contacts, their channel
 * addresses (with opt-in and opt-out), each conversation with its messages (author type
 * fixed at creation, R04), e-mail subjects and Message-IDs, handoff requests and the evidence recorded about it. Who exported
 * is itself recorded (R22).
 */
@Injectable()
export class ExportSubjectUseCase {
  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  async execute(admin: AgentPrincipal, subject: Subject) {
    return this.dataSource.transaction('REPEATABLE READ', async (manager) => {
      const scope = await findSubjectScope(manager, admin.tenantId, subject);
      const [contacts, identities, conversations, messages, handoffs, evidence, emails] = await Promise.all([
        manager.getRepository(ContactEntity).find({ where: { tenantId: admin.tenantId, id: In(scope.contactIds) }, order: { createdAt: 'ASC' } }),
        manager.getRepository(ChannelIdentityEntity).find({ where: { tenantId: admin.tenantId, id: In(scope.identityIds) }, order: { createdAt: 'ASC' } }),
        manager.getRepository(ConversationEntity).find({ where: { tenantId: admin.tenantId, id: In(scope.conversationIds) }, order: { createdAt: 'ASC' } }),
        manager.getRepository(MessageEntity).find({ where: { tenantId: admin.tenantId, conversationId: In(scope.conversationIds) }, order: { createdAt: 'ASC', id: 'ASC' } }),
        manager.getRepository(HandoffRequestEntity).find({ where: { tenantId: admin.tenantId, conversationId: In(scope.conversationIds) }, order: { requestedAt: 'ASC' } }),
        manager.getRepository(AuditLogEntity).find({ where: { tenantId: admin.tenantId, conversationId: In(scope.conversationIds) }, order: { seq: 'ASC' } }),
        manager.getRepository(EmailMessageEntity).find({ where: { tenantId: admin.tenantId, conversationId: In(scope.conversationIds) }, order: { createdAt: 'ASC' } }),
      ]);
      await appendToOutbox(manager, [
        createEvent('audit.recorded', {
          tenantId: admin.tenantId,
          conversationId: admin.tenantId,
          payload: {
            action: 'privacy.subject.exported',
            actor: { type: admin.role, id: admin.userId },
            reason: null,
            details: { contacts: contacts.length, conversations: conversations.length, messages: messages.length },
          },
        }),
      ]);
      return {
        subject: { email: subject.email, phone: subject.phone },
        exportedAt: new Date().toISOString(),
        contacts: contacts.map((c) => ({ id: c.id, displayName: c.displayName, email: c.email, phone: c.phone, locale: c.locale, createdAt: c.createdAt, updatedAt: c.updatedAt })),
        channelIdentities: identities.map((i) => ({ id: i.id, contactId: i.contactId, channel: i.channel, address: i.address, optedInAt: i.optedInAt, optedOutAt: i.optedOutAt, createdAt: i.createdAt })),
        conversations: conversations.map((c) => ({
          ...toConversationView(c),
          contactId: c.contactId,
          closedAt: c.closedAt,
          disclosureVersion: c.disclosureVersion,
          disclosedAt: c.disclosedAt,
          messages: messages.filter((m) => m.conversationId === c.id).map((m) => ({ ...toMessageView(m), flagReason: m.flagReason })),
          handoffRequests: handoffs
            .filter((h) => h.conversationId === c.id)
            .map((h) => ({ id: h.id, trigger: h.trigger, reason: h.reason, summary: h.summary, outsideHours: h.outsideHours, requestedAt: h.requestedAt, claimedAt: h.claimedAt, firstHumanReplyAt: h.firstHumanReplyAt })),
          // E-mail: each mail's Message-ID and subject (ADR 0016).
          emails: emails
            .filter((e) => e.conversationId === c.id)
            .map((e) => ({ messageId: e.messageId, direction: e.direction, headerMessageId: e.headerMessageId, subject: e.subject, createdAt: e.createdAt })),
          evidence: evidence
            .filter((a) => a.conversationId === c.id)
            .map((a) => ({ action: a.action, actorType: a.actorType, reason: a.reason, details: a.details, occurredAt: a.occurredAt })),
        })),
      };
    });
  }
}
