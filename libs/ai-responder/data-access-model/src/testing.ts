/**
 * Test helpers of the model adapter (second entry point, never bundled into apps):
 * a local fake of the OpenAI API for tests that go through the real SDK over HTTP.
 */
export * from './testing/fake-openai-server';
