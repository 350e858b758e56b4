import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { DataSource, EntityManager } from 'typeorm';
import { ContractViolationError } from '@pegamento/contracts';
import { FieldCryptoError, type FieldKeyRing } from '@pegamento/util-crypto';

/** Where the wrapped keys are stored: the associated data of their `enc:v1:` ciphertexts. */
export const EVENT_KEY_PLACE = 'event_keys.wrapped_key';
/** What a sealed payload starts with: format version 1 (AES-256-GCM, 96-bit IV, 128-bit tag). */
export const SEALED_PREFIX = 'es1:';
const KEY_BYTES = 32;
const IV_BYTES = 12;
const TAG_BYTES = 16;

/** A message on its way to the bus: its key (the conversation id) and its envelope, as the outbox holds it. */
export interface PlainMessage {
  key: string;
  envelope: Record<string, unknown>;
}

/** What opening a message from the bus came to. */
export type OpenedMessage =
  /** The envelope with its payload, parsed, for the contract check (also a message that was never sealed). */
  | { kind: 'open'; envelope: unknown }
  /** Its key is gone: the conversation was erased, and with it every copy of its events. */
  | { kind: 'shredded' };

/** A sealed message that is damaged, or sealed under a key that does not match. Never retried. */
export class SealedEventError extends Error {
  override readonly name = 'SealedEventError';
}

type Db = DataSource | EntityManager;

/**
 * Crypto-shredding of the event log (ADR 0018). Events on the bus carry message texts and
 * contact details; Kafka keeps them until the topics' retention and cannot delete one
 * record. So every payload leaves the outbox encrypted under a key of its own message key
 * (the conversation id): 32 random bytes per conversation in `event_keys`, themselves
 * encrypted under DATA_ENCRYPTION_KEYS. The erasure and the retention job delete the
 * conversation's key in their transaction; from then on every copy of its events, on every
 * broker, replica and backup, is unreadable. The envelope (ids, type, tenant, times) stays
 * readable for routing and de-duplication; only `payload` is sealed:
 *
 *     {"eventId": …, "type": …, …, "sealed": "es1:<iv>:<ciphertext and tag>"}   (base64url)
 *
 * with the event id and message key as associated data, so a sealed payload moved to
 * another event does not open. A message without `sealed` (written before sealing, or by
 * a process without keys) opens as it is.
 *
 * Keys are created only for message keys that were not erased, in their own committed
 * statement before the events are published (a consumer must find the key), and cached
 * per process up to `cacheSize` keys (the oldest go first).
 */
export class EventSealer {
  private readonly cache = new Map<string, Buffer>();

  constructor(
    private readonly ring: FieldKeyRing,
    private readonly cacheSize: number,
  ) {
    if (!Number.isInteger(cacheSize) || cacheSize < 1) throw new Error('EventSealer: cacheSize must be a positive integer');
  }

  /**
   * Seals each message's payload under its message key's key, creating missing keys. A
   * message whose key was erased comes back as null: nobody may read it, so it is not
   * published at all.
   */
  async seal(db: Db, messages: readonly PlainMessage[]): Promise<(string | null)[]> {
    const messageKeys = [...new Set(messages.map((m) => m.key))];
    // A key still cached here may have been erased by now (by this process or another).
    const erased = (await db.query(`SELECT message_key FROM erased_keys WHERE message_key = ANY($1::text[])`, [messageKeys])) as { message_key: string }[];
    const gone = new Set(erased.map((e) => e.message_key));
    this.forget([...gone]);
    const keys = await this.keysFor(
      db,
      messageKeys.filter((k) => !gone.has(k)),
    );
    return messages.map(({ key, envelope: whole }) => {
      const secret = keys.get(key);
      if (!secret) return null;
      const { payload, ...envelope } = whole;
      const iv = randomBytes(IV_BYTES);
      const cipher = createCipheriv('aes-256-gcm', secret, iv, { authTagLength: TAG_BYTES });
      cipher.setAAD(associatedData(envelope['eventId'], key));
      const body = Buffer.concat([cipher.update(JSON.stringify(payload ?? null), 'utf8'), cipher.final(), cipher.getAuthTag()]);
      return JSON.stringify({ ...envelope, sealed: `${SEALED_PREFIX}${iv.toString('base64url')}:${body.toString('base64url')}` });
    });
  }

  /**
   * The envelope with its payload again, parsed once for the contract check; `shredded` when
   * the key is gone. Throws ContractViolationError when the message is not JSON, and
   * SealedEventError on a damaged sealed payload.
   */
  async open(db: Db, key: string, value: string): Promise<OpenedMessage> {
    let parsed: unknown;
    try {
      parsed = JSON.parse(value);
    } catch (error) {
      throw new ContractViolationError('Event is not JSON', [(error as Error).message]);
    }
    if (parsed === null || typeof parsed !== 'object' || !('sealed' in parsed)) return { kind: 'open', envelope: parsed };
    const { sealed, ...envelope } = parsed as Record<string, unknown>;
    const parts = typeof sealed === 'string' && sealed.startsWith(SEALED_PREFIX) ? sealed.slice(SEALED_PREFIX.length).split(':') : [];
    const iv = parts.length === 2 ? Buffer.from(parts[0]!, 'base64url') : null;
    const body = parts.length === 2 ? Buffer.from(parts[1]!, 'base64url') : null;
    if (!iv || iv.length !== IV_BYTES || !body || body.length < TAG_BYTES) throw new SealedEventError('the sealed payload is malformed');
    const secret = (await this.keysFor(db, [key], { create: false })).get(key);
    if (!secret) return { kind: 'shredded' };
    const decipher = createDecipheriv('aes-256-gcm', secret, iv, { authTagLength: TAG_BYTES });
    decipher.setAAD(associatedData(envelope['eventId'], key));
    decipher.setAuthTag(body.subarray(body.length - TAG_BYTES));
    let payload: string;
    try {
      payload = Buffer.concat([decipher.update(body.subarray(0, body.length - TAG_BYTES)), decipher.final()]).toString('utf8');
    } catch {
      throw new SealedEventError('the sealed payload does not authenticate: changed, moved from another event, or sealed under another key');
    }
    return { kind: 'open', envelope: { ...envelope, payload: JSON.parse(payload) as unknown } };
  }

  /** Forgets cached keys (after an erasure in this process; tests). */
  forget(keys?: readonly string[]): void {
    if (!keys) this.cache.clear();
    else for (const key of keys) this.cache.delete(key);
  }

  private async keysFor(db: Db, messageKeys: readonly string[], options = { create: true }): Promise<Map<string, Buffer>> {
    const found = new Map<string, Buffer>();
    const missing: string[] = [];
    for (const key of messageKeys) {
      const cached = this.cache.get(key);
      if (cached) found.set(key, cached);
      else missing.push(key);
    }
    if (missing.length === 0) return found;
    if (options.create) {
      const wrapped = missing.map(() => this.ring.encrypt(randomBytes(KEY_BYTES).toString('base64'), EVENT_KEY_PLACE));
      // Never a new key for an erased conversation: its late events are not to be read by anyone.
      await db.query(
        `INSERT INTO event_keys (message_key, wrapped_key)
         SELECT k, w FROM unnest($1::text[], $2::text[]) AS t(k, w)
          WHERE NOT EXISTS (SELECT 1 FROM erased_keys e WHERE e.message_key = t.k)
         ON CONFLICT (message_key) DO NOTHING`,
        [missing, wrapped],
      );
    }
    const rows = (await db.query(`SELECT message_key, wrapped_key FROM event_keys WHERE message_key = ANY($1::text[])`, [missing])) as { message_key: string; wrapped_key: string }[];
    for (const row of rows) {
      let secret: Buffer;
      try {
        secret = Buffer.from(this.ring.decrypt(row.wrapped_key, EVENT_KEY_PLACE), 'base64');
      } catch (error) {
        // E.g. its DATA_ENCRYPTION_KEYS entry was removed before `keys rotate` re-wrapped it.
        if (error instanceof FieldCryptoError) throw new SealedEventError(`the event key of ${row.message_key} cannot be unwrapped: ${error.message}`);
        throw error;
      }
      if (secret.length !== KEY_BYTES) throw new SealedEventError(`the event key of ${row.message_key} is not ${KEY_BYTES} bytes`);
      found.set(row.message_key, secret);
      this.remember(row.message_key, secret);
    }
    return found;
  }

  private remember(key: string, secret: Buffer): void {
    this.cache.delete(key);
    this.cache.set(key, secret);
    while (this.cache.size > this.cacheSize) this.cache.delete(this.cache.keys().next().value!);
  }
}

function associatedData(eventId: unknown, messageKey: string): Buffer {
  return Buffer.from(`es1\0${String(eventId)}\0${messageKey}`, 'utf8');
}
