export * from './lib/web-chat.module';
export * from './lib/web-chat.config';
export * from './lib/conversation-token';
