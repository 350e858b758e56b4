import { CreateConversationTables1795903283551 } from './1795903283551-CreateConversationTables';
import { AddMessageAuthorGuard1795903283600 } from './1795903283600-AddMessageAuthorGuard';

export const conversationsMigrations = [CreateConversationTables1795903283551, AddMessageAuthorGuard1795903283600];
