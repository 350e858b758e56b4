import { DeadLetterEntity } from './entities/dead-letter.entity';
import { InboxEntity } from './entities/inbox.entity';
import { OutboxEntity } from './entities/outbox.entity';
import { busMigrations } from '../migrations';

export { DeadLetterEntity, InboxEntity, OutboxEntity, busMigrations };
export const busEntities = [OutboxEntity, InboxEntity, DeadLetterEntity];
