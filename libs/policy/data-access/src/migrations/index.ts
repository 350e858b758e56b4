import { CreateAuditLogTable1795903287314 } from './1795903287314-CreateAuditLogTable';
import { ChainAuditLog1795911306951 } from './1795911306951-ChainAuditLog';
import { CreateRetentionRuns1795911726496 } from './1795911726496-CreateRetentionRuns';

export const policyMigrations = [CreateAuditLogTable1795903287314, ChainAuditLog1795911306951, CreateRetentionRuns1795911726496];
