import { CreateAuditLogTable1795903287314 } from './1795903287314-CreateAuditLogTable';

export const policyMigrations = [CreateAuditLogTable1795903287314];
