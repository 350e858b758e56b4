export * from './lib/webhook-signature';
export * from './lib/transcript';
export * from './lib/sync-outcome';
