import { rebaseTwilioUri } from './twilio-http-client';

export interface TwilioMediaProbeOptions {
  accountSid: string;
  authToken: string;
  /** TWILIO_API_BASE_URL: where Twilio's media URLs are fetched (tests: a local server). */
  baseUrl: string;
  /** TWILIO_MEDIA_PROBE_TIMEOUT_MS: deadline of one probe, redirects included. */
  timeoutMs: number;
}

/** What asking for a media file's size came to. */
export type TwilioMediaSize =
  | { kind: 'size'; bytes: number }
  /** Not a media URL of this account on a Twilio host: never fetched (our credentials go only to Twilio). */
  | { kind: 'skipped' }
  | { kind: 'failed'; reason: string };

/** Twilio's hosts, as in the SDK's client. */
const TWILIO_HOST = /(^|\.)twilio\.com$/i;
const MEDIA_PATH = /^\/2010-04-01\/Accounts\/(AC[0-9a-fA-F]{32})\/Messages\/(?:MM|SM)[0-9a-fA-F]{32}\/Media\/ME[0-9a-fA-F]{32}$/;
const MAX_REDIRECTS = 3;

/**
 * Finds out how large a file is that a customer sent by SMS or WhatsApp. Twilio's webhook
 * names the media's URL and type but not its size, and its Media resource has no size
 * either; the media URL itself answers with the file (HTTP Basic auth when the account
 * enforces it), usually by a redirect to its storage. The probe asks for the first byte
 * only (`Range: bytes=0-0`) and reads the total from Content-Range (or Content-Length
 * when the range is ignored), without downloading the file.
 *
 * Only URLs of this account's media on a Twilio host are fetched, rebased on
 * TWILIO_API_BASE_URL like the SDK's requests; the credentials are sent to that origin
 * only, never along a redirect to another one (the storage's URL is pre-signed).
 */
export class TwilioMediaProbe {
  private readonly authorization: string;

  constructor(private readonly options: TwilioMediaProbeOptions) {
    this.authorization = `Basic ${Buffer.from(`${options.accountSid}:${options.authToken}`).toString('base64')}`;
  }

  async sizeOf(mediaUrl: string): Promise<TwilioMediaSize> {
    let url: URL;
    try {
      url = new URL(mediaUrl);
    } catch {
      return { kind: 'skipped' };
    }
    const path = MEDIA_PATH.exec(url.pathname);
    if (url.protocol !== 'https:' || !TWILIO_HOST.test(url.hostname) || url.search || path?.[1] !== this.options.accountSid) return { kind: 'skipped' };

    const signal = AbortSignal.timeout(this.options.timeoutMs);
    let target = new URL(rebaseTwilioUri(url.href, this.options.baseUrl));
    const authorizedOrigin = target.origin;
    try {
      for (let hop = 0; hop <= MAX_REDIRECTS; hop++) {
        const headers: Record<string, string> = { range: 'bytes=0-0' };
        if (target.origin === authorizedOrigin) headers['authorization'] = this.authorization;
        const response = await fetch(target, { headers, redirect: 'manual', signal });
        await response.body?.cancel();
        const location = response.headers.get('location');
        if (response.status >= 300 && response.status < 400 && location) {
          target = new URL(location, target);
          if (target.protocol !== 'https:' && target.protocol !== 'http:') return { kind: 'failed', reason: 'redirect to a URL that is not http(s)' };
          continue;
        }
        return sizeFrom(response);
      }
      return { kind: 'failed', reason: `more than ${MAX_REDIRECTS} redirects` };
    } catch (error) {
      return { kind: 'failed', reason: signal.aborted ? `no answer within ${this.options.timeoutMs} ms` : error instanceof Error ? error.message : 'request failed' };
    }
  }
}

function sizeFrom(response: Response): TwilioMediaSize {
  // 416: an empty file has no first byte ("bytes */0").
  if (response.status === 206 || response.status === 416) {
    const total = /^bytes\s+(?:\d+-\d+|\*)\/(\d+)$/i.exec(response.headers.get('content-range') ?? '')?.[1];
    if (total) return { kind: 'size', bytes: Number(total) };
  }
  if (response.status === 200) {
    const length = /^\d+$/.exec(response.headers.get('content-length') ?? '')?.[0];
    if (length) return { kind: 'size', bytes: Number(length) };
  }
  return { kind: 'failed', reason: response.ok ? 'the answer names no size' : `HTTP ${response.status}` };
}
