import type { IncomingMessage, ServerResponse } from 'node:http';
import helmet from 'helmet';

/** A Host header fit to name in a CSP source (host, host:port, [v6]:port); anything else is left out. */
const HOST = /^[A-Za-z0-9.-]+(:\d{1,5})?$|^\[[0-9A-Fa-f:.]+\](:\d{1,5})?$/;

/** `ws://host wss://host` of the page's own origin, for its socket.io (older browsers do not count ws under 'self'). */
export function sameOriginSockets(request: IncomingMessage): string {
  const host = request.headers.host ?? '';
  return HOST.test(host) ? `ws://${host} wss://${host}` : "'self'";
}

export interface PageSecurityOptions {
  /** Style sources besides 'self', e.g. the hash of a page's one inline stylesheet. */
  extraStyleSrc?: string[];
  referrerPolicy: 'no-referrer' | 'strict-origin-when-cross-origin';
}

/**
 * Security headers (helmet) of a page the platform serves (the demo shop, the privacy
 * notice, the agent console): a Content-Security-Policy that allows the page's own origin
 * only (its scripts, styles, API and socket), no inline script, no plugins, no framing.
 * They replace the API's nothing-allowed CSP set for every answer at bootstrap.
 */
export function selfOnlyPageSecurity(options: PageSecurityOptions) {
  return helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", ...(options.extraStyleSrc ?? [])],
        imgSrc: ["'self'", 'data:'],
        fontSrc: ["'self'"],
        connectSrc: ["'self'", (request: IncomingMessage, _response: ServerResponse) => sameOriginSockets(request)],
        objectSrc: ["'none'"],
        baseUri: ["'none'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
      },
    },
    frameguard: { action: 'deny' },
    referrerPolicy: { policy: options.referrerPolicy },
  });
}
