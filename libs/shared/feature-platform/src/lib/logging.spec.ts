import { Writable } from 'node:stream';
import pino from 'pino';
import { LOG_REDACT_PATHS } from './logging';

function capture(): { stream: Writable; lines: () => Record<string, unknown>[] } {
  const chunks: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _enc, done) {
      chunks.push(chunk.toString());
      done();
    },
  });
  return { stream, lines: () => chunks.join('').trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>) };
}

describe('log redaction', () => {
  it('censors message texts and personal data at the top level and one level down', () => {
    const { stream, lines } = capture();
    const logger = pino({ redact: { paths: LOG_REDACT_PATHS, censor: '[redacted]' } }, stream);
    logger.info(
      {
        text: 'mijn BSN is 123456782',
        email: 'jan@example.nl',
        event: { payload: { text: 'hallo' }, email: 'piet@example.nl', eventId: 'e1' },
        req: { headers: { authorization: 'Bearer abc' } },
        conversationId: 'c1',
      },
      'handled',
    );
    const [line] = lines();
    const raw = JSON.stringify(line);
    expect(raw).not.toMatch(/123456782|jan@example|piet@example|hallo|Bearer abc/);
    expect(line).toMatchObject({ conversationId: 'c1', event: { eventId: 'e1' }, msg: 'handled' });
  });
});
