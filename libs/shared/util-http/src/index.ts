export * from './lib/http-errors';
export * from './lib/rate-limit';
