export * from './lib/field-crypto.error';
export * from './lib/field-key-ring';
export * from './lib/key-config';
export * from './lib/key-files';
export * from './lib/field-key-registry';
