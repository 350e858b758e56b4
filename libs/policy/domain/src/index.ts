export * from './lib/topics';
export * from './lib/escalation';
export * from './lib/output-guard';
export * from './lib/channel-rules/channel-rules';
