export * from './assistant-prompt';
