import { CrmRecordEntity } from './entities/crm-record.entity';
import { CrmSyncEntity } from './entities/crm-sync.entity';
import { crmMigrations } from '../migrations';

export { CrmRecordEntity, CrmSyncEntity, crmMigrations };
export const crmEntities = [CrmSyncEntity, CrmRecordEntity];
