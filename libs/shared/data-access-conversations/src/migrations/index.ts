import { CreateConversationTables1795903283551 } from './1795903283551-CreateConversationTables';
import { AddMessageAuthorGuard1795903283600 } from './1795903283600-AddMessageAuthorGuard';
import { AddHandoffTracking1795905067868 } from './1795905067868-AddHandoffTracking';
import { OrderMessagesByClockTime1795905356939 } from './1795905356939-OrderMessagesByClockTime';
import { AddTwilioMessaging1795911521941 } from './1795911521941-AddTwilioMessaging';
import { AddFieldEncryption1795913678607 } from './1795913678607-AddFieldEncryption';
import { CreateRateLimitPoints1795917869535 } from './1795917869535-CreateRateLimitPoints';
import { AddEmailThreads1795918014595 } from './1795918014595-AddEmailThreads';
import { AddMessageRelease1795920436888 } from './1795920436888-AddMessageRelease';
import { AddTwilioDeletions1795920523352 } from './1795920523352-AddTwilioDeletions';

export const conversationsMigrations = [CreateConversationTables1795903283551, AddMessageAuthorGuard1795903283600, AddHandoffTracking1795905067868, OrderMessagesByClockTime1795905356939, AddTwilioMessaging1795911521941, AddFieldEncryption1795913678607, CreateRateLimitPoints1795917869535, AddEmailThreads1795918014595, AddMessageRelease1795920436888, AddTwilioDeletions1795920523352];
