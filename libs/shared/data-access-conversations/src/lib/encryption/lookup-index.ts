import { fieldKeyRing, type FieldKeyRing } from '@pegamento/util-crypto';
import { phoneKey } from '@pegamento/shared-domain';

/**
 * Keyed blind indexes (ADR 0015) for the look-ups the platform needs by equality: a contact
 * by e-mail or phone, a channel identity by its address, a conversation by an e-mail
 * address or phone number the customer wrote. The index is an HMAC under BLIND_INDEX_KEY
 * of the tenant, the kind and the value in one normal form, so notations of one value meet
 * and the same value in two tenants does not.
 */
export type LookupKind = 'email' | 'phone' | 'address';

export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

/** E.164 when libphonenumber reads a valid number (Dutch without a country code), else the digits and a leading +. */
export function normalisePhone(phone: string): string {
  const trimmed = phone.trim().replace(/^00/, '+');
  return phoneKey(trimmed) ?? trimmed.replace(/[^\d+]/g, '');
}

/** A channel address: `whatsapp:` + phone, an e-mail address, or a phone number. */
export function normaliseAddress(address: string): string {
  const trimmed = address.trim();
  const whatsapp = /^whatsapp:/i.exec(trimmed);
  if (whatsapp) return `whatsapp:${normalisePhone(trimmed.slice(whatsapp[0].length))}`;
  if (trimmed.includes('@')) return normaliseEmail(trimmed);
  return normalisePhone(trimmed);
}

export function lookupIndex(tenantId: string, kind: LookupKind, value: string, ring: FieldKeyRing = fieldKeyRing()): string {
  const normal = kind === 'email' ? normaliseEmail(value) : kind === 'phone' ? normalisePhone(value) : normaliseAddress(value);
  return ring.blindIndex(`${tenantId}\0${kind}`, normal);
}

export const emailIndex = (tenantId: string, email: string, ring?: FieldKeyRing) => lookupIndex(tenantId, 'email', email, ring);
export const phoneIndex = (tenantId: string, phone: string, ring?: FieldKeyRing) => lookupIndex(tenantId, 'phone', phone, ring);
export const addressIndex = (tenantId: string, address: string, ring?: FieldKeyRing) => lookupIndex(tenantId, 'address', address, ring);
