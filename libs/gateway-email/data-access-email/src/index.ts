export * from './lib/mail-parser';
export * from './lib/smtp-sender';
export * from './lib/smtp-listener';
