import http from 'node:http';
import https from 'node:https';
import { Readable } from 'node:stream';
import zlib from 'node:zlib';

/** The `fetch` signature the OpenAI SDK takes as its `fetch` option. */
export type FetchFn = (input: string | URL | Request, init?: RequestInit) => Promise<Response>;

export interface ConnectTimeoutTransport {
  fetch: FetchFn;
  /** Ends kept-alive connections. */
  close(): void;
}

/** Thrown when no connection (TCP, and TLS for https) was made within the connect timeout. */
export class ConnectTimeoutError extends Error {
  override readonly name = 'ConnectTimeoutError';
  readonly code = 'ETIMEDOUT';

  constructor(timeoutMs: number) {
    // The OpenAI SDK recognises "timed out" in a transport error as a connection timeout.
    super(`connect timed out after ${timeoutMs} ms`);
  }
}

function abortReason(signal: AbortSignal): Error {
  return signal.reason instanceof Error ? signal.reason : new DOMException('This operation was aborted', 'AbortError');
}

function decode(res: http.IncomingMessage): Readable {
  switch ((res.headers['content-encoding'] ?? '').toLowerCase()) {
    case 'gzip':
    case 'x-gzip':
      return res.pipe(zlib.createGunzip());
    case 'deflate':
      return res.pipe(zlib.createInflate());
    case 'br':
      return res.pipe(zlib.createBrotliDecompress());
    default:
      return res;
  }
}

/**
 * A small `fetch` over node:http(s) with what Node's built-in fetch does not let us set
 * without the undici package: a connect timeout (DNS + TCP + TLS handshake). The caller's
 * AbortSignal covers the rest of the exchange, body included. Connections are kept alive.
 * It handles what the OpenAI SDK sends (string or byte bodies); any other body kind goes
 * to the built-in fetch.
 */
export function createConnectTimeoutFetch(connectTimeoutMs: number): ConnectTimeoutTransport {
  const agents = {
    'http:': new http.Agent({ keepAlive: true }),
    'https:': new https.Agent({ keepAlive: true }),
  };
  const close = () => {
    agents['http:'].destroy();
    agents['https:'].destroy();
  };

  const fetch: FetchFn = (input, init = {}) => {
    const body = init.body ?? null;
    if (input instanceof Request || (body !== null && typeof body !== 'string' && !(body instanceof Uint8Array))) {
      return globalThis.fetch(input, init);
    }
    const url = new URL(input);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') {
      return Promise.reject(new TypeError(`unsupported protocol ${url.protocol}`));
    }
    const signal = init.signal ?? null;
    if (signal?.aborted) return Promise.reject(abortReason(signal));

    const headers = new Headers(init.headers);
    const outgoing: http.OutgoingHttpHeaders = Object.fromEntries(headers.entries());
    if (!headers.has('accept-encoding')) outgoing['accept-encoding'] = 'gzip, deflate, br';
    if (body !== null) outgoing['content-length'] = Buffer.byteLength(body);
    const method = (init.method ?? 'GET').toUpperCase();
    const transport = url.protocol === 'https:' ? https : http;

    return new Promise<Response>((resolve, reject) => {
      let connectTimer: NodeJS.Timeout | undefined;
      let settled = false;
      const fail = (error: Error) => {
        clearTimeout(connectTimer);
        if (!settled) {
          settled = true;
          reject(error);
        }
      };
      const req = transport.request(url, { method, headers: outgoing, agent: agents[url.protocol as 'http:' | 'https:'] });

      let response: http.IncomingMessage | undefined;
      const onAbort = () => (response ?? req).destroy(abortReason(signal as AbortSignal));
      signal?.addEventListener('abort', onAbort, { once: true });
      const cleanup = () => signal?.removeEventListener('abort', onAbort);

      req.on('socket', (socket) => {
        if (!socket.connecting) return; // a kept-alive connection
        connectTimer = setTimeout(() => req.destroy(new ConnectTimeoutError(connectTimeoutMs)), connectTimeoutMs);
        socket.once(url.protocol === 'https:' ? 'secureConnect' : 'connect', () => clearTimeout(connectTimer));
      });
      req.on('error', (error) => {
        cleanup();
        fail(error);
      });
      req.on('response', (res) => {
        clearTimeout(connectTimer);
        settled = true;
        response = res;
        res.on('close', cleanup);
        const responseHeaders = new Headers();
        for (let i = 0; i + 1 < res.rawHeaders.length; i += 2) responseHeaders.append(res.rawHeaders[i], res.rawHeaders[i + 1]);
        const status = res.statusCode ?? 500;
        const noBody = method === 'HEAD' || status === 204 || status === 205 || status === 304;
        if (noBody) res.resume();
        const decoded = noBody ? null : decode(res);
        if (decoded && decoded !== res) {
          res.on('error', (error) => decoded.destroy(error));
          responseHeaders.delete('content-encoding');
          responseHeaders.delete('content-length');
        }
        resolve(
          new Response(decoded ? (Readable.toWeb(decoded) as ReadableStream<Uint8Array>) : null, {
            status,
            statusText: res.statusMessage ?? '',
            headers: responseHeaders,
          }),
        );
      });
      req.end(body ?? undefined);
    });
  };
  return { fetch, close };
}
