import { AuditLogEntity } from './lib/audit-log.entity';
import { RetentionRunEntity } from './lib/retention-run.entity';
import { policyMigrations } from './migrations';

export { AuditLogEntity, RetentionRunEntity };
export * from './lib/audit-chain';
export const policyEntities = [AuditLogEntity, RetentionRunEntity];
export { policyMigrations };
