export * from './lib/http-errors';
export * from './lib/rate-limit';
export * from './lib/page-security';
export * from './lib/retry-delay';
export * from './lib/retry-after';
