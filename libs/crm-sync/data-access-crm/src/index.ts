export * from './lib/crm-schema';
export * from './lib/entities/crm-sync.entity';
export * from './lib/entities/crm-record.entity';
export * from './lib/hubspot-crm';
export * from './lib/crm-webhook-sender';
