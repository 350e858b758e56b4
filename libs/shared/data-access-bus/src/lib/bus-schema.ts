import { DeadLetterEntity } from './entities/dead-letter.entity';
import { ErasedKeyEntity } from './entities/erased-key.entity';
import { EventKeyEntity } from './entities/event-key.entity';
import { InboxEntity } from './entities/inbox.entity';
import { OutboxEntity } from './entities/outbox.entity';
import { busMigrations } from '../migrations';

export { DeadLetterEntity, ErasedKeyEntity, EventKeyEntity, InboxEntity, OutboxEntity, busMigrations };
export const busEntities = [OutboxEntity, InboxEntity, DeadLetterEntity, ErasedKeyEntity, EventKeyEntity];
