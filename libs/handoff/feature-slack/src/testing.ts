/**
 * Test helpers of the Slack app (second entry point, never bundled into apps): a local
 * server that speaks the Slack Web API methods Pegamento uses, and requests signed the
 * way Slack signs them.
 */
export * from './testing/fake-slack-server';
export * from './testing/signed-slack-request';
