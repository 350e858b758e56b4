import { ChannelIdentityEntity } from './lib/channel-identity.entity';
import { ContactEntity } from './lib/contact.entity';
import { ConversationEntity } from './lib/conversation.entity';
import { MessageEntity } from './lib/message.entity';
import { TenantEntity } from './lib/tenant.entity';
import { HandoffRequestEntity } from './lib/handoff-request.entity';
import { MessageDeliveryEntity } from './lib/message-delivery.entity';
import { MessageIdentifierEntity } from './lib/message-identifier.entity';
import { EmailMessageEntity } from './lib/email-message.entity';
import { TwilioDeletionEntity } from './lib/twilio-deletion.entity';
import { conversationsMigrations } from './migrations';

export { ChannelIdentityEntity, ContactEntity, ConversationEntity, EmailMessageEntity, HandoffRequestEntity, MessageDeliveryEntity, MessageEntity, MessageIdentifierEntity, TenantEntity, TwilioDeletionEntity };
export type { MessageAttachment } from './lib/message.entity';
export const conversationsEntities = [
  TenantEntity,
  ContactEntity,
  ChannelIdentityEntity,
  ConversationEntity,
  MessageEntity,
  HandoffRequestEntity,
  MessageDeliveryEntity,
  MessageIdentifierEntity,
  EmailMessageEntity,
  TwilioDeletionEntity,
];
export { conversationsMigrations };
export * from './lib/conversation-views';
export * from './lib/conversation-transitions';
export * from './lib/encryption/encrypted-columns';
export * from './lib/encryption/lookup-index';
export * from './lib/encryption/message-identifiers';
export * from './lib/encryption/key-maintenance';
export * from './lib/send-queue/send-queue';
export * from './lib/customer-message';
