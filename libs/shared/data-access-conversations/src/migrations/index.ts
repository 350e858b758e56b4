import { CreateConversationTables1795903283551 } from './1795903283551-CreateConversationTables';
import { AddMessageAuthorGuard1795903283600 } from './1795903283600-AddMessageAuthorGuard';
import { AddHandoffTracking1795905067868 } from './1795905067868-AddHandoffTracking';
import { OrderMessagesByClockTime1795905356939 } from './1795905356939-OrderMessagesByClockTime';

export const conversationsMigrations = [CreateConversationTables1795903283551, AddMessageAuthorGuard1795903283600, AddHandoffTracking1795905067868, OrderMessagesByClockTime1795905356939];
