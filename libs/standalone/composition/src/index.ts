export * from './lib/standalone';
export * from './lib/standalone.module';
export * from './lib/config/standalone.config';
