import type { DataSource, EntityManager } from 'typeorm';
import { CIPHERTEXT_PREFIX, type FieldKeyRing } from '@pegamento/util-crypto';
import { encryptedColumnsByTable, type EncryptedColumn } from './encrypted-columns';
import { addressIndex, emailIndex, phoneIndex } from './lookup-index';
import { messageIdentifiers } from './message-identifiers';

/** How many values of one encrypted column are under each key (`plaintext`: written before encryption). */
export interface ColumnKeyCount {
  column: EncryptedColumn;
  kid: string;
  rows: number;
}

export interface EncryptionStatus {
  currentKid: string;
  columns: ColumnKeyCount[];
  /** Values not under the current key (other kids and plaintext): what `keys rotate` would re-encrypt. */
  pending: number;
  /** Values whose blind index is missing (rows from before the indexes existed): what `keys reindex` fills. */
  missingBlindIndexes: { column: string; rows: number }[];
}

export const PLAINTEXT = 'plaintext';

/** The stored text of a column: a jsonb column holds its ciphertext as a jsonb string, and JSON from before encryption. */
function textOf(column: string, kind: 'text' | 'json'): string {
  return kind === 'json' ? `(CASE WHEN jsonb_typeof("${column}") = 'string' THEN "${column}" #>> '{}' ELSE "${column}"::text END)` : `"${column}"`;
}

function quote(name: string): string {
  if (!/^[a-z_]+$/.test(name)) throw new Error(`unexpected name ${name}`);
  return `"${name}"`;
}

/** The encrypted tables this database has: another module's (the bus's event_keys) may not be migrated in it. */
async function presentTables(db: DataSource | EntityManager): Promise<ReturnType<typeof encryptedColumnsByTable>> {
  const all = encryptedColumnsByTable();
  const rows = (await db.query(`SELECT t FROM unnest($1::text[]) AS t WHERE to_regclass('public.' || t) IS NOT NULL`, [all.map((t) => t.table)])) as { t: string }[];
  const present = new Set(rows.map((r) => r.t));
  return all.filter((t) => present.has(t.table));
}

/** Rows per key id per encrypted column, and the blind indexes still missing. */
export async function encryptionStatus(db: DataSource | EntityManager, ring: FieldKeyRing): Promise<EncryptionStatus> {
  const columns: ColumnKeyCount[] = [];
  for (const { table, columns: cols } of await presentTables(db)) {
    for (const { column, place, kind } of cols) {
      const text = textOf(column, kind);
      const rows = (await db.query(
        `SELECT CASE WHEN left(${text}, ${CIPHERTEXT_PREFIX.length}) = $1 THEN split_part(${text}, ':', 3) ELSE $2 END AS kid, count(*)::int AS rows
           FROM ${quote(table)} WHERE ${quote(column)} IS NOT NULL GROUP BY 1 ORDER BY 1`,
        [CIPHERTEXT_PREFIX, PLAINTEXT],
      )) as { kid: string; rows: number }[];
      for (const row of rows) columns.push({ column: place, kid: row.kid, rows: row.rows });
    }
  }
  const missing = (await db.query(
    `SELECT 'contacts.email_bidx' AS column, count(*)::int AS rows FROM contacts WHERE email IS NOT NULL AND email_bidx IS NULL
     UNION ALL SELECT 'contacts.phone_bidx', count(*)::int FROM contacts WHERE phone IS NOT NULL AND phone_bidx IS NULL
     UNION ALL SELECT 'contact_channel_identities.address_bidx', count(*)::int FROM contact_channel_identities WHERE address_bidx IS NULL`,
  )) as { column: string; rows: number }[];
  return {
    currentKid: ring.currentKid,
    columns,
    pending: columns.filter((c) => c.kid !== ring.currentKid).reduce((n, c) => n + c.rows, 0),
    missingBlindIndexes: missing.filter((m) => m.rows > 0),
  };
}

export interface MaintenanceOptions {
  /** Rows per transaction. */
  batchSize: number;
  /** Called after every committed batch (progress output). */
  onBatch?: (table: string, rows: number) => void;
}

/**
 * `keys rotate`: re-encrypts, with the current key, every value of every encrypted column
 * that is under another key or still plaintext. Batches of `batchSize` rows, each in its
 * own transaction with the rows locked; idempotent (a value under the current key is left
 * alone) and resumable (stopping loses at most the batch in flight, which is rolled back).
 * Every older key must still be in the ring. Returns the rows changed per table.
 */
export async function reencryptAll(dataSource: DataSource, ring: FieldKeyRing, options: MaintenanceOptions): Promise<Record<string, number>> {
  const prefix = `${CIPHERTEXT_PREFIX}${ring.currentKid}:`;
  const changed: Record<string, number> = {};
  for (const { table, columns } of await presentTables(dataSource)) {
    changed[table] = 0;
    const stale = columns.map(({ column, kind }) => `(${quote(column)} IS NOT NULL AND left(${textOf(column, kind)}, ${prefix.length}) IS DISTINCT FROM $1)`).join(' OR ');
    const select = columns.map(({ column, kind }) => `${textOf(column, kind)} AS ${quote(column)}`).join(', ');
    for (;;) {
      const done = await dataSource.transaction(async (manager) => {
        const rows = (await manager.query(`SELECT id, ${select} FROM ${quote(table)} WHERE ${stale} ORDER BY id LIMIT $2 FOR UPDATE`, [prefix, options.batchSize])) as Record<string, string | null>[];
        for (const row of rows) {
          const sets: string[] = [];
          const values: unknown[] = [row['id']];
          for (const { column, place, kind } of columns) {
            const value = row[column];
            if (value === null || value === undefined || !ring.needsReencryption(value)) continue;
            values.push(ring.encrypt(ring.decrypt(value, place), place));
            sets.push(kind === 'json' ? `${quote(column)} = to_jsonb($${values.length}::text)` : `${quote(column)} = $${values.length}`);
          }
          if (sets.length > 0) await manager.query(`UPDATE ${quote(table)} SET ${sets.join(', ')} WHERE id = $1`, values);
        }
        return rows.length;
      });
      if (done === 0) break;
      changed[table] += done;
      options.onBatch?.(table, done);
    }
  }
  return changed;
}

export interface ReindexResult {
  contacts: number;
  channelIdentities: number;
  customerMessages: number;
  /** Channel identities left unindexed because another identity of the tenant already has that address. */
  conflicts: string[];
}

/**
 * `keys reindex`: recomputes every blind index from the decrypted values with the ring's
 * BLIND_INDEX_KEY: contacts' e-mail and phone, channel addresses, and the identifiers found
 * in customers' messages. Needed once after upgrading (rows written before the indexes
 * existed) and after changing BLIND_INDEX_KEY. Idempotent; walks each table in id order.
 */
export async function reindexLookups(dataSource: DataSource, ring: FieldKeyRing, options: MaintenanceOptions): Promise<ReindexResult> {
  const result: ReindexResult = { contacts: 0, channelIdentities: 0, customerMessages: 0, conflicts: [] };
  await walk(dataSource, 'contacts', 'id, tenant_id, email, phone, email_bidx, phone_bidx', '', options, async (manager, rows) => {
    for (const row of rows) {
      const email = row['email'] ? emailIndex(row['tenant_id']!, ring.decrypt(row['email'], 'contacts.email'), ring) : null;
      const phone = row['phone'] ? phoneIndex(row['tenant_id']!, ring.decrypt(row['phone'], 'contacts.phone'), ring) : null;
      if (email === row['email_bidx'] && phone === row['phone_bidx']) continue;
      await manager.query(`UPDATE contacts SET email_bidx = $2, phone_bidx = $3 WHERE id = $1`, [row['id'], email, phone]);
      result.contacts++;
    }
  });
  await walk(dataSource, 'contact_channel_identities', 'id, tenant_id, channel, address, address_bidx', '', options, async (manager, rows) => {
    for (const row of rows) {
      const bidx = addressIndex(row['tenant_id']!, ring.decrypt(row['address']!, 'contact_channel_identities.address'), ring);
      if (bidx === row['address_bidx']) continue;
      const [taken] = (await manager.query(`SELECT id FROM contact_channel_identities WHERE tenant_id = $1 AND channel = $2 AND address_bidx = $3 AND id <> $4`, [
        row['tenant_id'],
        row['channel'],
        bidx,
        row['id'],
      ])) as { id: string }[];
      if (taken) {
        result.conflicts.push(`channel identity ${row['id']} has the address of ${taken.id} (tenant ${row['tenant_id']}, ${row['channel']})`);
        continue;
      }
      await manager.query(`UPDATE contact_channel_identities SET address_bidx = $2 WHERE id = $1`, [row['id'], bidx]);
      result.channelIdentities++;
    }
  });
  await walk(dataSource, 'messages', 'id, tenant_id, conversation_id, text', `author_type = 'customer'`, options, async (manager, rows) => {
    await manager.query(`DELETE FROM message_identifiers WHERE message_id = ANY($1::uuid[])`, [rows.map((r) => r['id'])]);
    for (const row of rows) {
      const found = messageIdentifiers(
        { id: row['id']!, tenantId: row['tenant_id']!, conversationId: row['conversation_id']!, text: ring.decrypt(row['text']!, 'messages.text') },
        ring,
      );
      for (const f of found) {
        await manager.query(
          `INSERT INTO message_identifiers (message_id, kind, bidx, tenant_id, conversation_id) VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING`,
          [f.messageId, f.kind, f.bidx, f.tenantId, f.conversationId],
        );
      }
    }
    result.customerMessages += rows.length;
  });
  return result;
}

/** Walks a table in id order, one transaction per batch. */
async function walk(
  dataSource: DataSource,
  table: string,
  columns: string,
  filter: string,
  options: MaintenanceOptions,
  each: (manager: EntityManager, rows: Record<string, string | null>[]) => Promise<void>,
): Promise<void> {
  let after = '00000000-0000-0000-0000-000000000000';
  for (;;) {
    const rows = await dataSource.transaction(async (manager) => {
      const batch = (await manager.query(
        `SELECT ${columns} FROM ${quote(table)} WHERE id > $1 ${filter ? `AND ${filter}` : ''} ORDER BY id LIMIT $2 FOR UPDATE`,
        [after, options.batchSize],
      )) as Record<string, string | null>[];
      if (batch.length > 0) await each(manager, batch);
      return batch;
    });
    if (rows.length === 0) return;
    after = rows[rows.length - 1]!['id']!;
    options.onBatch?.(table, rows.length);
  }
}
