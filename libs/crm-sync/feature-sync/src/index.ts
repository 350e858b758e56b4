export { CrmSyncModule } from './lib/crm-sync.module';
export { resolveCrmSyncSettings, CRM_SYNC_SETTINGS, type CrmSyncConfig, type CrmSyncSettings } from './lib/crm-sync.config';
export { CrmSyncWorker } from './lib/sync/crm-sync.worker';
export type { CustomerContextAnswer } from './lib/context/customer-context.controller';
