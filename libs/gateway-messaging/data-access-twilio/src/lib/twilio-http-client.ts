import { AsyncLocalStorage } from 'node:async_hooks';
import twilio from 'twilio';

type RequestOptions<T> = Parameters<InstanceType<typeof twilio.RequestClient>['request']>[0] & { data?: T };

/** What the last HTTP exchange of one SDK call looked like: the SDK's errors drop the headers (Retry-After). */
export interface TwilioExchange {
  statusCode?: number;
  headers?: Record<string, unknown>;
}

const exchanges = new AsyncLocalStorage<TwilioExchange>();

/** Runs one SDK call and returns what its HTTP exchange looked like, even when the call throws. */
export async function withExchange<T>(call: () => Promise<T>): Promise<{ exchange: TwilioExchange; result: Promise<T> }> {
  const exchange: TwilioExchange = {};
  const result = exchanges.run(exchange, call);
  // Settle before handing back, so the exchange is filled in either way.
  await result.then(
    () => undefined,
    () => undefined,
  );
  return { exchange, result };
}

/** Twilio's own hosts (api.twilio.com, api.dublin.ie1.twilio.com, …): what TWILIO_API_BASE_URL replaces. */
const TWILIO_HOST = /(^|\.)twilio\.com$/i;

export function rebaseTwilioUri(uri: string, baseUrl: string): string {
  const original = new URL(uri);
  if (!TWILIO_HOST.test(original.hostname)) return uri;
  const base = new URL(baseUrl);
  if (base.origin === original.origin && (base.pathname === '/' || base.pathname === '')) return uri;
  return `${base.origin}${base.pathname.replace(/\/+$/, '')}${original.pathname}${original.search}`;
}

/**
 * The SDK's own HTTP client (its documented `httpClient` option) with two changes:
 * requests go to TWILIO_API_BASE_URL instead of api.twilio.com (tests point it at a
 * local server that speaks Twilio's REST API), and each call's status and headers are
 * kept for the caller. No automatic retry here: the send queue retries (ADR 0012).
 */
export class TwilioHttpClient extends twilio.RequestClient {
  constructor(
    private readonly baseUrl: string,
    timeoutMs: number,
  ) {
    super({ timeout: timeoutMs, autoRetry: false, keepAlive: true });
  }

  override async request<TData>(opts: RequestOptions<TData>) {
    const response = await super.request<TData>({ ...opts, uri: rebaseTwilioUri(opts.uri, this.baseUrl) });
    const exchange = exchanges.getStore();
    if (exchange) {
      exchange.statusCode = response.statusCode;
      exchange.headers = response.headers as Record<string, unknown>;
    }
    return response;
  }
}
