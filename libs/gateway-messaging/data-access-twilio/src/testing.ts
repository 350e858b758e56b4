/**
 * Test helpers of the Twilio adapter (second entry point, never bundled into apps): a
 * local server that speaks Twilio's Messages API, and webhook requests signed by the
 * `twilio` library's own signing.
 */
export * from './testing/fake-twilio-server';
export * from './testing/signed-webhook';
