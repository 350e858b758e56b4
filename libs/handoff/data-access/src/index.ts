import { UserEntity } from './lib/user.entity';
import { handoffMigrations } from './migrations';

export { UserEntity };
export type { UserRole } from './lib/user.entity';
export * from './lib/users.repository';
export const handoffEntities = [UserEntity];
export { handoffMigrations };
