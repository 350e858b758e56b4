export * from './lib/twilio-messaging.module';
export { resolveTwilioSettings, STATUS_CALLBACK_PATH, type TwilioMessagingConfig, type TwilioSettings } from './lib/twilio-messaging.config';
