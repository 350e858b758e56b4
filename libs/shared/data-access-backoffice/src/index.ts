export * from './lib/backoffice-client';
