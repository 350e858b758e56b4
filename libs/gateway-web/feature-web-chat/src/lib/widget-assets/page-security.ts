import type { IncomingMessage, ServerResponse } from 'node:http';
import { selfOnlyPageSecurity } from '@pegamento/util-http';
import { PAGE_STYLE_HASH } from './pages/page-style';

/**
 * Security headers of gateway-web's pages (the demo shop, /privacy, /accessibility): this
 * origin only (the widget script, its API and socket), the pages' one inline stylesheet by
 * its hash, no framing. The widget's own styles are a constructed stylesheet in its shadow
 * root, which CSP does not restrict, so a customer's site needs no 'unsafe-inline' for it.
 */
export const pageSecurityHeaders = selfOnlyPageSecurity({ extraStyleSrc: [`'${PAGE_STYLE_HASH}'`], referrerPolicy: 'strict-origin-when-cross-origin' });

/** Applies pageSecurityHeaders to one response. */
export function applyPageSecurityHeaders(request: IncomingMessage, response: ServerResponse): Promise<void> {
  return new Promise((resolve, reject) => pageSecurityHeaders(request, response, (error?: unknown) => (error ? reject(error) : resolve())));
}
