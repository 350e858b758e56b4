import { AuditLogEntity } from './lib/audit-log.entity';
import { policyMigrations } from './migrations';

export { AuditLogEntity };
export const policyEntities = [AuditLogEntity];
export { policyMigrations };
