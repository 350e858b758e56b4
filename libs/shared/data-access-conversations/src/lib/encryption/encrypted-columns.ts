import type { ValueTransformer } from 'typeorm';
import { fieldKeyRing, isCiphertext, type FieldKeyRing } from '@pegamento/util-crypto';

/**
 * Every column the application encrypts (ADR 0015), as `table.column`: the associated data
 * of its ciphertexts, so a value copied into another column does not decrypt. `json`
 * columns hold the encrypted JSON text as a jsonb string.
 */
export const ENCRYPTED_COLUMNS = {
  'messages.text': 'text',
  'messages.author_display_name': 'text',
  'messages.flag_reason': 'text',
  'contacts.display_name': 'text',
  'contacts.email': 'text',
  'contacts.phone': 'text',
  'contact_channel_identities.address': 'text',
  'conversations.thread_key': 'text',
  'message_deliveries.body': 'text',
  'message_deliveries.to_address': 'text',
  'message_deliveries.content_variables': 'json',
  'handoff_requests.summary': 'text',
  'email_messages.subject': 'text',
  /** The keys that seal conversations' events on the bus (data-access-bus EventSealer, ADR 0018). */
  'event_keys.wrapped_key': 'text',
} as const satisfies Record<string, 'text' | 'json'>;

export type EncryptedColumn = keyof typeof ENCRYPTED_COLUMNS;

/** The encrypted columns grouped by table, for maintenance (`keys status|rotate`). */
export function encryptedColumnsByTable(): { table: string; columns: { column: string; place: EncryptedColumn; kind: 'text' | 'json' }[] }[] {
  const tables = new Map<string, { column: string; place: EncryptedColumn; kind: 'text' | 'json' }[]>();
  for (const [place, kind] of Object.entries(ENCRYPTED_COLUMNS) as [EncryptedColumn, 'text' | 'json'][]) {
    const [table, column] = place.split('.') as [string, string];
    tables.set(table, [...(tables.get(table) ?? []), { column, place, kind }]);
  }
  return [...tables].map(([table, columns]) => ({ table, columns }));
}

/**
 * The TypeORM transformer of an encrypted text column: encrypts on the way in with the
 * process's key ring (which must have been set at boot: it throws otherwise), decrypts on
 * the way out; plaintext from before encryption is read as it is. Look-ups by such a
 * column cannot work (every ciphertext differs): use the blind-index columns.
 */
export function encryptedText(place: EncryptedColumn): ValueTransformer {
  return {
    to: (value: unknown) => (typeof value === 'string' ? fieldKeyRing().encrypt(value, place) : value),
    from: (value: unknown) => (typeof value === 'string' ? fieldKeyRing().decrypt(value, place) : value),
  };
}

/** The transformer of an encrypted jsonb column: the JSON text is encrypted and stored as a jsonb string. */
export function encryptedJson(place: EncryptedColumn): ValueTransformer {
  return {
    to: (value: unknown) => (value === null || value === undefined ? value : fieldKeyRing().encrypt(JSON.stringify(value), place)),
    // A jsonb object is a value from before encryption.
    from: (value: unknown) => (typeof value === 'string' ? (JSON.parse(fieldKeyRing().decrypt(value, place)) as unknown) : value),
  };
}

/**
 * Decrypts a value read with raw SQL (the transformers only run for entities); null stays
 * null. `ring` defaults to the process's.
 */
export function decryptStored(place: EncryptedColumn, value: string | null, ring: FieldKeyRing = fieldKeyRing()): string | null {
  return value === null ? null : ring.decrypt(value, place);
}

/** Decrypts a jsonb value read with raw SQL (a jsonb string is a ciphertext; an object is from before encryption). */
export function decryptStoredJson<T>(place: EncryptedColumn, value: unknown, ring: FieldKeyRing = fieldKeyRing()): T | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string' && isCiphertext(value)) return JSON.parse(ring.decrypt(value, place)) as T;
  return value as T;
}
