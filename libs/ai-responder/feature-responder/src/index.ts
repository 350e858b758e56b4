export * from './lib/responder.module';
export * from './lib/responder.config';
