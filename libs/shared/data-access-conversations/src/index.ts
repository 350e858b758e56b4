import { ChannelIdentityEntity } from './lib/channel-identity.entity';
import { ContactEntity } from './lib/contact.entity';
import { ConversationEntity } from './lib/conversation.entity';
import { MessageEntity } from './lib/message.entity';
import { TenantEntity } from './lib/tenant.entity';
import { HandoffRequestEntity } from './lib/handoff-request.entity';
import { conversationsMigrations } from './migrations';

export { ChannelIdentityEntity, ContactEntity, ConversationEntity, HandoffRequestEntity, MessageEntity, TenantEntity };
export const conversationsEntities = [TenantEntity, ContactEntity, ChannelIdentityEntity, ConversationEntity, MessageEntity, HandoffRequestEntity];
export { conversationsMigrations };
export * from './lib/conversation-views';
export * from './lib/conversation-transitions';
