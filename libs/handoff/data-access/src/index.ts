import { UserEntity } from './lib/user.entity';
import { SlackDeletionEntity } from './lib/slack/slack-deletion.entity';
import { SlackEventEntity } from './lib/slack/slack-event.entity';
import { SlackPostEntity } from './lib/slack/slack-post.entity';
import { SlackThreadEntity } from './lib/slack/slack-thread.entity';
import { handoffMigrations } from './migrations';

export { SlackDeletionEntity, SlackEventEntity, SlackPostEntity, SlackThreadEntity, UserEntity };
export type { SlackPostKind, SlackPostState } from './lib/slack/slack-post.entity';
export type { SlackThreadState } from './lib/slack/slack-thread.entity';
export type { UserRole } from './lib/user.entity';
export * from './lib/users.repository';
export const handoffEntities = [UserEntity, SlackThreadEntity, SlackPostEntity, SlackEventEntity, SlackDeletionEntity];
export { handoffMigrations };
