import { randomBytes } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { EVENT_KEY_PLACE, busEntities, busMigrations } from '@pegamento/data-access-bus';
import {
  ContactEntity,
  ConversationEntity,
  MessageEntity,
  TenantEntity,
  conversationsEntities,
  conversationsMigrations,
  emailIndex,
  encryptionStatus,
  reencryptAll,
  reindexLookups,
} from '@pegamento/data-access-conversations';
import { keyIdOf, useFieldKeyRing, type FieldKeyRing } from '@pegamento/util-crypto';
import { testFieldKeyRing } from '@pegamento/util-crypto/testing';
import { createTestDatabase, type TestDatabase } from '@pegamento/util-testing';
import { openAdminDatabase } from './admin-database';
import { EXIT_INCOMPLETE, KEYS_MAX_BATCH, runKeysCommand } from './keys.command';

class Captured {
  text = '';
  write(chunk: string): boolean {
    this.text += chunk;
    return true;
  }
}

describe('keys command', () => {
  let db: TestDatabase;
  let ds: DataSource;
  const oldRing = testFieldKeyRing(['old']);
  const newRing = testFieldKeyRing(['new', 'old']);
  let conversationId: string;

  beforeAll(async () => {
    db = await createTestDatabase();
    ds = await openAdminDatabase(
      { url: db.url, source: 'DATABASE_URL' },
      { entities: [...busEntities, ...conversationsEntities], migrations: [...busMigrations, ...conversationsMigrations] },
    );
    // Written by services that encrypt with the old key.
    useFieldKeyRing(oldRing);
    await ds.getRepository(TenantEntity).save({ id: 'shop', name: 'Shop', defaultLocale: 'nl', settings: {} });
    const conversation = await ds.getRepository(ConversationEntity).save({ tenantId: 'shop', channel: 'web', locale: 'nl', contactId: null });
    conversationId = conversation.id;
    for (let i = 0; i < 5; i++) {
      await ds.getRepository(ContactEntity).save(ds.getRepository(ContactEntity).create({ tenantId: 'shop', displayName: `Klant ${i}`, email: `klant${i}@example.test`, phone: null, locale: 'nl' }));
      await ds.getRepository(MessageEntity).save(
        ds.getRepository(MessageEntity).create({
          tenantId: 'shop',
          conversationId,
          direction: 'inbound',
          authorType: 'customer',
          authorId: null,
          authorDisplayName: 'Klant',
          aiGenerated: false,
          text: `Vraag ${i}`,
          locale: 'nl',
          sources: [],
        }),
      );
    }
    // The key that seals the conversation's events on the bus (ADR 0018), wrapped with the old key.
    await ds.query(`INSERT INTO event_keys (message_key, wrapped_key) VALUES ($1, $2)`, [conversationId, oldRing.encrypt(randomBytes(32).toString('base64'), EVENT_KEY_PLACE)]);
    // Rows from before encryption was switched on: plaintext, no blind index, no identifiers.
    await ds.query(`INSERT INTO contacts (tenant_id, display_name, email, phone) VALUES ('shop', 'Oude Klant', 'oud@example.test', '+31612345678')`);
    await ds.query(
      `INSERT INTO messages (tenant_id, conversation_id, direction, author_type, author_display_name, ai_generated, text) VALUES ('shop', $1, 'inbound', 'customer', 'Oude Klant', false, 'Mail me op oud@example.test')`,
      [conversationId],
    );
  });
  afterAll(async () => {
    await ds?.destroy();
    await db?.drop();
  });

  async function run(argv: string[], ring: FieldKeyRing = newRing) {
    const stdout = new Captured();
    const stderr = new Captured();
    const code = await runKeysCommand(argv, {
      status: () => encryptionStatus(ds, ring),
      rotate: (batchSize, onBatch) => reencryptAll(ds, ring, { batchSize, onBatch }),
      reindex: (batchSize, onBatch) => reindexLookups(ds, ring, { batchSize, onBatch }),
      stdout,
      stderr,
    });
    return { code, stdout: stdout.text, stderr: stderr.text };
  }

  async function kids(sql: string): Promise<(string | null)[]> {
    return ((await ds.query(sql)) as { v: string }[]).map((r) => keyIdOf(r.v));
  }

  it('counts the values per key id and column, with plaintext and missing indexes, and exits 3 while work is left', async () => {
    const status = await run(['status', '--json']);
    expect(status.code).toBe(EXIT_INCOMPLETE);
    const report = JSON.parse(status.stdout) as Awaited<ReturnType<typeof encryptionStatus>>;
    expect(report.currentKid).toBe('new');
    expect(report.columns).toEqual(
      expect.arrayContaining([
        { column: 'messages.text', kid: 'old', rows: 5 },
        { column: 'messages.text', kid: 'plaintext', rows: 1 },
        { column: 'contacts.email', kid: 'old', rows: 5 },
        { column: 'contacts.email', kid: 'plaintext', rows: 1 },
        { column: 'contacts.phone', kid: 'plaintext', rows: 1 },
        { column: 'event_keys.wrapped_key', kid: 'old', rows: 1 },
      ]),
    );
    expect(report.missingBlindIndexes).toEqual([
      { column: 'contacts.email_bidx', rows: 1 },
      { column: 'contacts.phone_bidx', rows: 1 },
    ]);
    const text = await run(['status']);
    expect(text.stdout).toMatch(/messages\.text\s+old\s+5 {2}\(rotate\)/);
    expect(text.stdout).toMatch(/contacts\.email_bidx\s+missing\s+1 {2}\(reindex\)/);
  });

  it('re-encrypts every old-key and plaintext value with the new key in batches, and stops with the reason at a key it lacks, resumably', async () => {
    // A value under a key the ring no longer has: the batch fails and is rolled back.
    const lost = testFieldKeyRing(['lost']).encrypt('verloren', 'contacts.display_name');
    const [{ id: lostId }] = (await ds.query(`INSERT INTO contacts (tenant_id, display_name) VALUES ('shop', $1) RETURNING id`, [lost])) as [{ id: string }];
    const failed = await run(['rotate', '--batch', '2']);
    expect(failed.code).toBe(1);
    expect(failed.stderr).toMatch(/Error: a value in contacts\.display_name was encrypted with key 'lost'/);
    // The messages were done before the contacts: they stay done.
    expect(new Set(await kids(`SELECT text AS v FROM messages`))).toEqual(new Set(['new']));
    await ds.query(`DELETE FROM contacts WHERE id = $1`, [lostId]);

    const rotated = await run(['rotate', '--batch', '2']);
    expect(rotated.code).toBe(0);
    // Batches committed before the failure stay done; this run did the rest: six contacts in all.
    const before = [...failed.stderr.matchAll(/^contacts: (\d+) row/gm)].reduce((n, m) => n + Number(m[1]), 0);
    const now = Number(/re-encrypted {2}contacts {2}(\d+)/.exec(rotated.stdout)?.[1]);
    expect(before + now).toBe(6);
    // Six messages in batches of two, each committed on its own.
    expect(failed.stderr.match(/^messages: 2 row\(s\)$/gm)).toHaveLength(3);
    for (const column of ['display_name', 'email']) expect(new Set(await kids(`SELECT ${column} AS v FROM contacts`))).toEqual(new Set(['new']));
    expect(await kids(`SELECT phone AS v FROM contacts WHERE phone IS NOT NULL`)).toEqual(['new']);
    expect(new Set(await kids(`SELECT author_display_name AS v FROM messages`))).toEqual(new Set(['new']));
    expect(await kids(`SELECT wrapped_key AS v FROM event_keys`)).toEqual(['new']);
    // Idempotent: nothing left to do.
    expect((await run(['rotate'])).stdout).toContain('Done: 0 row(s) re-encrypted');
    // The services, now with the new key first, read everything.
    useFieldKeyRing(newRing);
    const texts = (await ds.getRepository(MessageEntity).find({ where: { conversationId } })).map((m) => m.text).sort();
    expect(texts).toEqual(['Mail me op oud@example.test', 'Vraag 0', 'Vraag 1', 'Vraag 2', 'Vraag 3', 'Vraag 4']);
    // Only the new key is needed now.
    useFieldKeyRing(testFieldKeyRing(['new']));
    expect((await ds.getRepository(ContactEntity).find()).map((c) => c.displayName)).toContain('Oude Klant');
  });

  it('fills the missing blind indexes and the identifiers of old customer messages, then reports everything done', async () => {
    useFieldKeyRing(newRing);
    expect(await ds.getRepository(ContactEntity).findOneBy({ emailBidx: emailIndex('shop', 'oud@example.test') })).toBeNull();
    const reindexed = await run(['reindex', '--batch', '3']);
    expect(reindexed.code).toBe(0);
    expect(reindexed.stdout).toMatch(/reindexed {2}contacts 1 {2}channel identities 0 {2}customer messages 6/);
    expect((await ds.getRepository(ContactEntity).findOneBy({ emailBidx: emailIndex('shop', 'oud@example.test') }))?.displayName).toBe('Oude Klant');
    const identifiers = (await ds.query(`SELECT kind, bidx FROM message_identifiers`)) as { kind: string; bidx: string }[];
    expect(identifiers).toEqual([{ kind: 'email', bidx: emailIndex('shop', 'oud@example.test') }]);
    // Idempotent: the indexes are already right.
    expect((await run(['reindex'])).stdout).toMatch(/contacts 0 {2}channel identities 0/);
    expect(await ds.query(`SELECT count(*)::int AS n FROM message_identifiers`)).toEqual([{ n: 1 }]);
    const status = await run(['status']);
    expect(status.code).toBe(0);
    expect(status.stdout).toContain('Every value is under key new and indexed.');
  });

  it('answers usage errors with exit 2, and prints new keys without storing them', async () => {
    expect((await run([])).code).toBe(2);
    expect((await run(['spin'])).stderr).toContain("unknown command 'spin'");
    expect((await run(['rotate', '--batch', '0'])).code).toBe(2);
    expect((await run(['rotate', '--batch', String(KEYS_MAX_BATCH + 1)])).stderr).toContain(`from 1 to ${KEYS_MAX_BATCH}`);
    expect((await run(['status', '--batch', '5'])).stderr).toContain('status does not take --batch');
    expect((await run(['new-key', '--kid', 'a:b'])).code).toBe(2);
    const fresh = await run(['new-key', '--kid', 'k2027']);
    expect(fresh.code).toBe(0);
    expect(fresh.stdout).toMatch(/^DATA_ENCRYPTION_KEYS entry: k2027:[A-Za-z0-9+/]{43}=\nBLIND_INDEX_KEY: [A-Za-z0-9+/]{43}=\n$/);
    const help = await run(['help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('Rotating the data key, without downtime');
  });
});
