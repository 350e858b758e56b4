export * from './lib/twilio-sender';
export { TwilioHttpClient, rebaseTwilioUri } from './lib/twilio-http-client';
export { TwilioMediaProbe, type TwilioMediaProbeOptions, type TwilioMediaSize } from './lib/twilio-media-probe';
