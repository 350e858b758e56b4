export * from './lib/keywords/compliance-keywords';
export * from './lib/segments/sms-segments';
export * from './lib/address/twilio-address';
export * from './lib/window/whatsapp-window';
export * from './lib/delivery/delivery-status';
export * from './lib/deletion/message-deletion';
