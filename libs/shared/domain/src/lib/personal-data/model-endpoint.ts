/**
 * Where model calls may go (R21: model processing stays in the EU by default). The list is
 * deliberately short: only endpoints whose provider documents processing in the EU for
 * that host, and the operator's own machine. Each entry is justified in
 * docs/privacy/sub-processors.md; `MODEL_EU_HOSTS` replaces it.
 *
 * A pattern is a host name, or `*.` and a domain for any host below that domain (not the
 * domain itself).
 */
export const DEFAULT_MODEL_EU_HOSTS: readonly string[] = [
  // OpenAI's EU data-residency endpoint (needs a project created with EU residency).
  'eu.api.openai.com',
  // Mistral AI (Paris), La Plateforme.
  'api.mistral.ai',
  // Scaleway Generative APIs (fr-par).
  'api.scaleway.ai',
  // OVHcloud AI Endpoints (France).
  '*.endpoints.kepler.ai.cloud.ovh.net',
  // IONOS AI Model Hub (Berlin).
  'openai.inference.de-txl.ionos.com',
  // A model served on the operator's own machine.
  'localhost',
  '127.0.0.1',
  '::1',
];

/** The audit action the ai-responder records at every start with the endpoint it uses. */
export const MODEL_ENDPOINT_AUDIT_ACTION = 'model.endpoint.started';
/**
 * The tenant id of platform-wide evidence (one model endpoint serves every tenant): the
 * compliance report of every tenant reads these rows. Not a valid tenant id (DEFAULT_TENANT_ID
 * and web tenants are `[a-z0-9-]`), so it can never be a tenant's own.
 */
export const PLATFORM_AUDIT_TENANT = '*';

/** A host pattern: a host name or `*.domain`, letters, digits, dots, hyphens, or an IPv6 literal. */
export const MODEL_HOST_PATTERN = /^(?:\*\.)?[a-z0-9](?:[a-z0-9.-]*[a-z0-9])?$|^[0-9a-f:]+$/i;

/** The host of a URL in lower case, without the brackets of an IPv6 literal. */
export function hostOf(url: string): string {
  return new URL(url).hostname.toLowerCase().replace(/^\[|\]$/g, '');
}

export function hostMatches(host: string, pattern: string): boolean {
  const h = host.toLowerCase().replace(/\.$/, '');
  const p = pattern.trim().toLowerCase();
  if (p.startsWith('*.')) return h.endsWith(p.slice(1)) && h.length > p.length - 1;
  return h === p;
}

/** Whether the endpoint's host is on the allow-list. */
export function isAllowedModelHost(baseUrl: string, patterns: readonly string[]): boolean {
  const host = hostOf(baseUrl);
  return patterns.some((p) => hostMatches(host, p));
}
