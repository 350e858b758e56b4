export * from './lib/envelope';
export * from './lib/shared-schemas';
export * from './lib/events';
export * from './lib/topics';
export * from './lib/codec';
export * from './lib/api';
export * from './lib/openapi';
