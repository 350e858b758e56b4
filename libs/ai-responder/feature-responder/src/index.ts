export * from './lib/responder.module';
