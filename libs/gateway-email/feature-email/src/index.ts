export * from './lib/email-channel.module';
export { resolveEmailSettings, type EmailChannelConfig, type EmailSettings } from './lib/email-channel.config';
export { SmtpInboundListener } from './lib/smtp/smtp-inbound.listener';
