import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import type { HandoffTrigger } from '@pegamento/contracts';
import { appendToOutbox } from '@pegamento/data-access-bus';
import {
  TenantEntity,
  reopenConversation,
  requestHuman,
  toConversationView,
  type ConversationEntity,
  type ConversationView,
} from '@pegamento/data-access-conversations';
import { isOpenAt, parseTenantSettings } from '@pegamento/shared-domain';
import { ConversationAccess } from '../conversation-access';

/** Puts a conversation in the queue for a person from a customer's own action. */
export async function requestHumanFromCustomer(
  manager: EntityManager,
  conversation: ConversationEntity,
  trigger: HandoffTrigger,
  reason: string | null,
  messageId: string | null,
): Promise<ConversationEntity> {
  const tenant = await manager.getRepository(TenantEntity).findOneBy({ id: conversation.tenantId });
  const settings = parseTenantSettings(tenant?.settings ?? {});
  const now = new Date();
  const reopened = await reopenConversation(manager, conversation);
  const requested = await requestHuman(manager, reopened.conversation, {
    trigger,
    reason,
    messageId,
    outsideHours: !isOpenAt(settings.openingHours, now),
    now,
  });
  await appendToOutbox(manager, [...reopened.events, ...requested.events]);
  return requested.conversation;
}

/** The "talk to a person" button: waiting_for_agent at once, with no "are you sure?" round (R10). */
@Injectable()
export class RequestHandoffUseCase {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly access: ConversationAccess,
  ) {}

  execute(conversationId: string, token: string): Promise<ConversationView> {
    return this.dataSource.transaction(async (manager) => {
      const conversation = await this.access.open(conversationId, token, manager, true);
      return toConversationView(await requestHumanFromCustomer(manager, conversation, 'handoff_button', null, null));
    });
  }
}
