import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { FakeTwilioServer, twilioSid } from '../testing';
import { TwilioMediaProbe } from './twilio-media-probe';

const accountSid = twilioSid('AC');
const authToken = 'a-test-auth-token-of-32-characters';

describe('TwilioMediaProbe, against a local Twilio API and its media storage', () => {
  let fake: FakeTwilioServer;
  let probe: TwilioMediaProbe;

  beforeAll(async () => {
    fake = await FakeTwilioServer.start({ accountSid, authToken });
    probe = new TwilioMediaProbe({ accountSid, authToken, baseUrl: fake.url, timeoutMs: 2_000 });
  });
  afterAll(async () => {
    await fake.stop();
  });

  it("reads a media file's size from its first byte: credentials to Twilio only, not along the redirect to the storage", async () => {
    const [url] = fake.holdInbound(twilioSid('MM'), 1, [48_213]);
    const before = fake.mediaRequests.length;
    expect(await probe.sizeOf(url!)).toEqual({ kind: 'size', bytes: 48_213 });
    const requests = fake.mediaRequests.slice(before);
    expect(requests.map((r) => [r.where, r.authorized, r.range, r.status])).toEqual([
      ['api', true, 'bytes=0-0', 307],
      ['storage', false, 'bytes=0-0', 206],
    ]);
  });

  it('reads the size of an empty file from the 416 answer', async () => {
    const [url] = fake.holdInbound(twilioSid('MM'), 1, [0]);
    expect(await probe.sizeOf(url!)).toEqual({ kind: 'size', bytes: 0 });
  });

  it('says why when Twilio does not give the file: deleted (404), or a server error', async () => {
    const sid = twilioSid('MM');
    const [url] = fake.holdInbound(sid, 1);
    fake.failNextMedia(503);
    expect(await probe.sizeOf(url!)).toEqual({ kind: 'failed', reason: 'HTTP 503' });
    const gone = url!.replace(/ME[0-9a-f]{32}$/, twilioSid('ME'));
    expect(await probe.sizeOf(gone)).toEqual({ kind: 'failed', reason: 'HTTP 404' });
  });

  it('never fetches what is not a media URL of this account on a Twilio host', async () => {
    const before = fake.mediaRequests.length;
    const mm = twilioSid('MM');
    const me = twilioSid('ME');
    for (const url of [
      `https://evil.example/2010-04-01/Accounts/${accountSid}/Messages/${mm}/Media/${me}`,
      `https://api.twilio.com.evil.example/2010-04-01/Accounts/${accountSid}/Messages/${mm}/Media/${me}`,
      `http://api.twilio.com/2010-04-01/Accounts/${accountSid}/Messages/${mm}/Media/${me}`,
      `https://api.twilio.com/2010-04-01/Accounts/${twilioSid('AC')}/Messages/${mm}/Media/${me}`,
      `https://api.twilio.com/2010-04-01/Accounts/${accountSid}/Messages/${mm}/Media/${me}/../../../../Calls.json`,
      `https://api.twilio.com/2010-04-01/Accounts/${accountSid}/Messages/${mm}/Media/${me}?x=1`,
      'not a url',
    ]) {
      expect(await probe.sizeOf(url)).toEqual({ kind: 'skipped' });
    }
    expect(fake.mediaRequests.length).toBe(before);
  });

  describe('against a Twilio that misbehaves', () => {
    let server: Server;
    let base: string;
    let answer: (respond: (status: number, headers: Record<string, string>, body?: string) => void, path: string) => void;

    beforeAll(async () => {
      server = createServer((request, response) => answer((status, headers, body) => (response.writeHead(status, headers), response.end(body)), request.url ?? ''));
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    });
    afterAll(async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    });
    const mediaUrl = () => `https://api.twilio.com/2010-04-01/Accounts/${accountSid}/Messages/${twilioSid('MM')}/Media/${twilioSid('ME')}`;

    it('gives up after TWILIO_MEDIA_PROBE_TIMEOUT_MS when nobody answers', async () => {
      answer = () => undefined;
      const slow = new TwilioMediaProbe({ accountSid, authToken, baseUrl: base, timeoutMs: 200 });
      expect(await slow.sizeOf(mediaUrl())).toEqual({ kind: 'failed', reason: 'no answer within 200 ms' });
    });

    it('stops after three redirects, and at a redirect that is not http(s)', async () => {
      const probeHere = new TwilioMediaProbe({ accountSid, authToken, baseUrl: base, timeoutMs: 2_000 });
      answer = (respond) => respond(302, { location: `${base}/again` });
      expect(await probeHere.sizeOf(mediaUrl())).toEqual({ kind: 'failed', reason: 'more than 3 redirects' });
      answer = (respond) => respond(302, { location: 'file:///etc/passwd' });
      expect(await probeHere.sizeOf(mediaUrl())).toEqual({ kind: 'failed', reason: 'redirect to a URL that is not http(s)' });
    });

    it('takes Content-Length when the range is ignored, and says so when no size is given', async () => {
      const probeHere = new TwilioMediaProbe({ accountSid, authToken, baseUrl: base, timeoutMs: 2_000 });
      answer = (respond) => respond(200, { 'content-length': '5' }, 'hello');
      expect(await probeHere.sizeOf(mediaUrl())).toEqual({ kind: 'size', bytes: 5 });
      answer = (respond) => respond(206, { 'content-range': 'bytes 0-0/*' });
      expect(await probeHere.sizeOf(mediaUrl())).toEqual({ kind: 'failed', reason: 'the answer names no size' });
    });
  });
});
