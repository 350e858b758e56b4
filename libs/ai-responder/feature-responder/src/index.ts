export * from './lib/responder.module';
export * from './lib/responder.config';
export { AI_SUMMARY_LABEL } from './lib/handoff-summary.consumer';
