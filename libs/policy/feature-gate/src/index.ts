export * from './lib/policy-gate.module';
export { MAX_AI_TEXT } from './lib/deliver-ai-draft/deliver-ai-draft.use-case';
