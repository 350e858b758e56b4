/**
 * Test helpers of the e-mail adapter (second entry point, never bundled into apps): a
 * local SMTP server acting as the outbound relay.
 */
export * from './testing/fake-smtp-relay';
