import { CreateUsersTable1795903285397 } from './1795903285397-CreateUsersTable';

export const handoffMigrations = [CreateUsersTable1795903285397];
