export * from './lib/topics';
export * from './lib/escalation';
export * from './lib/output-guard';
