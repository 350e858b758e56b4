import { FakeTwilioServer, NOT_COMPLETE_YET, twilioSid } from '../testing';
import { rebaseTwilioUri } from './twilio-http-client';
import { TwilioSender } from './twilio-sender';

const accountSid = twilioSid('AC');
const authToken = 'a-test-auth-token-of-32-characters';

describe('TwilioSender, through the twilio SDK against a local Twilio API', () => {
  let fake: FakeTwilioServer;
  let sender: TwilioSender;

  beforeAll(async () => {
    fake = await FakeTwilioServer.start({ accountSid, authToken });
    sender = new TwilioSender({ accountSid, authToken, baseUrl: fake.url, timeoutMs: 2_000 });
  });
  afterAll(async () => {
    await fake.stop();
  });

  it('sends an SMS to TWILIO_API_BASE_URL with basic auth and the status callback', async () => {
    const outcome = await sender.send({ to: '+31612345678', from: '+3197010203040', body: 'Hallo!', statusCallback: 'https://example.test/webhooks/twilio/status' });
    expect(outcome).toMatchObject({ kind: 'accepted', status: 'queued', numSegments: 1 });
    const sent = fake.to('+31612345678');
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({ from: '+3197010203040', body: 'Hallo!', statusCallback: 'https://example.test/webhooks/twilio/status' });
    expect(outcome.kind === 'accepted' && outcome.sid).toBe(sent[0]!.sid);
  });

  it('sends a WhatsApp template by its Content SID and variables', async () => {
    const contentSid = twilioSid('HX');
    const outcome = await sender.send({ to: 'whatsapp:+31612345670', from: 'whatsapp:+3197010203040', contentSid, contentVariables: { '1': 'Jan' } });
    expect(outcome.kind).toBe('accepted');
    expect(fake.to('whatsapp:+31612345670')[0]).toMatchObject({ contentSid, contentVariables: { '1': 'Jan' }, body: null });
  });

  it("reports Twilio's throttle with its Retry-After, as retryable", async () => {
    fake.failNext({ status: 429, retryAfterSeconds: 3 });
    expect(await sender.send({ to: '+31612345671', from: '+3197010203040', body: 'x' })).toEqual({
      kind: 'rejected',
      httpStatus: 429,
      code: '20429',
      message: 'Too Many Requests',
      retryAfterMs: 3_000,
      retryable: true,
    });
  });

  it('reports a server error as retryable and a Twilio error code as permanent', async () => {
    fake.failNext({ status: 503 });
    expect(await sender.send({ to: '+31612345672', from: '+3197010203040', body: 'x' })).toMatchObject({ kind: 'rejected', httpStatus: 503, retryable: true });
    fake.failFor('+31612345673', { status: 400, code: 21610, message: 'Attempt to send to unsubscribed recipient' });
    expect(await sender.send({ to: '+31612345673', from: '+3197010203040', body: 'x' })).toEqual({
      kind: 'rejected',
      httpStatus: 400,
      code: '21610',
      message: 'Attempt to send to unsubscribed recipient',
      retryAfterMs: null,
      retryable: false,
    });
  });

  it('reports wrong credentials as permanent', async () => {
    const wrong = new TwilioSender({ accountSid, authToken: 'not-the-right-token-at-all', baseUrl: fake.url, timeoutMs: 2_000 });
    expect(await wrong.send({ to: '+31612345674', from: '+3197010203040', body: 'x' })).toMatchObject({ kind: 'rejected', httpStatus: 401, code: '20003', retryable: false });
  });

  it('reports no answer (nothing listening, or slower than the timeout) as retryable', async () => {
    const nowhere = new TwilioSender({ accountSid, authToken, baseUrl: 'http://127.0.0.1:9', timeoutMs: 500 });
    expect(await nowhere.send({ to: '+31612345675', from: '+3197010203040', body: 'x' })).toMatchObject({ kind: 'rejected', httpStatus: null, retryable: true });
  });

  it('gives up on a call slower than the timeout (TWILIO_SEND_TIMEOUT_MS), as retryable', async () => {
    const impatient = new TwilioSender({ accountSid, authToken, baseUrl: fake.url, timeoutMs: 200 });
    fake.delayResponses(1_000);
    try {
      const started = Date.now();
      expect(await impatient.send({ to: '+31612345676', from: '+3197010203040', body: 'x' })).toMatchObject({ kind: 'rejected', httpStatus: null, retryable: true });
      expect(Date.now() - started).toBeLessThan(900);
    } finally {
      fake.delayResponses(0);
    }
  });

  it('deletes a sent message and an inbound one with its media (DELETE /Messages/{Sid}); a second delete finds nothing', async () => {
    const sent = await sender.send({ to: '+31612345677', from: '+3197010203040', body: 'Hallo!' });
    const sid = sent.kind === 'accepted' ? sent.sid : '';
    const inbound = twilioSid('MM');
    fake.holdInbound(inbound, 2);
    expect(fake.holds(inbound)?.media).toHaveLength(2);
    expect(await sender.delete(sid)).toEqual({ kind: 'deleted' });
    expect(await sender.delete(inbound)).toEqual({ kind: 'deleted' });
    expect(fake.holds(sid)).toBeNull();
    expect(fake.holds(inbound)).toBeNull();
    expect(await sender.delete(inbound)).toEqual({ kind: 'rejected', httpStatus: 404, code: '20404', retryAfterMs: null });
    expect(fake.deletions.map((d) => [d.sid, d.status])).toEqual([
      [sid, 204],
      [inbound, 204],
      [inbound, 404],
    ]);
  });

  it("reports a delete's throttle with its Retry-After, a server error, and Twilio's 20009 (not complete yet)", async () => {
    const sid = twilioSid('SM');
    fake.holdInbound(sid);
    fake.failNextDelete({ status: 429, retryAfterSeconds: 2 }, { status: 500 }, NOT_COMPLETE_YET);
    expect(await sender.delete(sid)).toEqual({ kind: 'rejected', httpStatus: 429, code: '20429', retryAfterMs: 2_000 });
    expect(await sender.delete(sid)).toEqual({ kind: 'rejected', httpStatus: 500, code: '20500', retryAfterMs: null });
    expect(await sender.delete(sid)).toEqual({ kind: 'rejected', httpStatus: 409, code: '20009', retryAfterMs: null });
    expect(fake.holds(sid)).not.toBeNull();
    expect(await sender.delete(sid)).toEqual({ kind: 'deleted' });
  });

  it('rewrites only Twilio hosts onto the base URL, keeping path and query', () => {
    expect(rebaseTwilioUri('https://api.twilio.com/2010-04-01/Accounts/AC1/Messages.json', 'http://127.0.0.1:4010')).toBe(
      'http://127.0.0.1:4010/2010-04-01/Accounts/AC1/Messages.json',
    );
    expect(rebaseTwilioUri('https://api.twilio.com/2010-04-01/x.json?a=1', 'https://proxy.example/twilio/')).toBe('https://proxy.example/twilio/2010-04-01/x.json?a=1');
    expect(rebaseTwilioUri('https://api.twilio.com/x', 'https://api.twilio.com')).toBe('https://api.twilio.com/x');
    expect(rebaseTwilioUri('https://example.org/x', 'http://127.0.0.1:1')).toBe('https://example.org/x');
  });
});
