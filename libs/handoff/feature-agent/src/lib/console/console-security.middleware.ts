import { selfOnlyPageSecurity } from '@pegamento/util-http';

export { sameOriginSockets } from '@pegamento/util-http';

/**
 * Security headers of the console's pages and files: a Content-Security-Policy that
 * allows the console's own origin only (scripts, styles, the API and its socket), no
 * framing, no inline script or style, no referrer.
 */
export const consoleSecurityHeaders = selfOnlyPageSecurity({ referrerPolicy: 'no-referrer' });
