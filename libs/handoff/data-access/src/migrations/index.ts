import { CreateUsersTable1795903285397 } from './1795903285397-CreateUsersTable';
import { AddAgentQueueAndLockout1795905069820 } from './1795905069820-AddAgentQueueAndLockout';
import { AddUsersEmailIndex1795905336055 } from './1795905336055-AddUsersEmailIndex';
import { AddSlackAgentApp1795918545281 } from './1795918545281-AddSlackAgentApp';

export const handoffMigrations = [CreateUsersTable1795903285397, AddAgentQueueAndLockout1795905069820, AddUsersEmailIndex1795905336055, AddSlackAgentApp1795918545281];
