import type { DataSource } from 'typeorm';
import { FieldCryptoError, FieldCryptoErrorCode, clearFieldKeyRing, useFieldKeyRing } from '@pegamento/util-crypto';
import { testFieldKeyRing, useTestFieldKeyRing } from '@pegamento/util-crypto/testing';
import { openDatabase } from '@pegamento/util-db';
import { createTestDatabase, type TestDatabase } from '@pegamento/util-testing';
import {
  ChannelIdentityEntity,
  ContactEntity,
  ConversationEntity,
  HandoffRequestEntity,
  MessageDeliveryEntity,
  MessageEntity,
  MessageIdentifierEntity,
  TenantEntity,
  addressIndex,
  conversationsEntities,
  conversationsMigrations,
  emailIndex,
  phoneIndex,
  recordMessageIdentifiers,
} from '../../index';

const JAN = { name: 'Jan Jansen', email: 'jan.jansen@example.test', phone: '+31612345678' };
const TEXT = 'Mijn nummer is 06-12345678 en mijn e-mail Jan.Jansen@Example.test; kunt u mij bellen?';

describe('encrypted columns and blind indexes (ADR 0015)', () => {
  let db: TestDatabase;
  let ds: DataSource;
  let ids: { contact: string; identity: string; conversation: string; message: string; delivery: string; handoff: string };

  beforeAll(async () => {
    useTestFieldKeyRing();
    db = await createTestDatabase();
    ds = await openDatabase({ url: db.url, applicationName: 'field-encryption-test', entities: conversationsEntities, migrations: conversationsMigrations });
    await ds.getRepository(TenantEntity).save([
      { id: 'shop', name: 'Shop', defaultLocale: 'nl', settings: {} },
      { id: 'other', name: 'Other', defaultLocale: 'nl', settings: {} },
    ]);
    const contact = await ds.getRepository(ContactEntity).save(ds.getRepository(ContactEntity).create({ tenantId: 'shop', displayName: JAN.name, email: JAN.email, phone: JAN.phone, locale: 'nl' }));
    const identity = await ds
      .getRepository(ChannelIdentityEntity)
      .save(ds.getRepository(ChannelIdentityEntity).create({ tenantId: 'shop', contactId: contact.id, channel: 'whatsapp', address: `whatsapp:${JAN.phone}`, optedInAt: null, optedOutAt: null, lastInboundAt: null }));
    const conversation = await ds.getRepository(ConversationEntity).save(
      ds.getRepository(ConversationEntity).create({ tenantId: 'shop', contactId: contact.id, channel: 'whatsapp', locale: 'nl', channelIdentityId: identity.id, threadKey: identity.address }),
    );
    const message = await ds.getRepository(MessageEntity).save(
      ds.getRepository(MessageEntity).create({
        tenantId: 'shop',
        conversationId: conversation.id,
        direction: 'inbound',
        authorType: 'customer',
        authorId: contact.id,
        authorDisplayName: JAN.name,
        aiGenerated: false,
        text: TEXT,
        locale: 'nl',
        sources: [],
      }),
    );
    await recordMessageIdentifiers(ds.manager, message);
    const delivery = await ds.getRepository(MessageDeliveryEntity).save(
      ds.getRepository(MessageDeliveryEntity).create({
        tenantId: 'shop',
        conversationId: conversation.id,
        messageId: message.id,
        channel: 'whatsapp',
        toAddress: `whatsapp:${JAN.phone}`,
        fromAddress: 'whatsapp:+3197010203040',
        body: null,
        contentSid: 'HX0123456789abcdef0123456789abcdef',
        contentVariables: { '1': JAN.name },
      }),
    );
    const handoff = await ds.getRepository(HandoffRequestEntity).save(
      ds.getRepository(HandoffRequestEntity).create({ tenantId: 'shop', conversationId: conversation.id, channel: 'whatsapp', trigger: 'handoff_button', reason: null, summary: null, requestedAt: new Date() }),
    );
    // The two other ways of writing: a query builder's update and Repository.update.
    await ds.createQueryBuilder().update(HandoffRequestEntity).set({ summary: `Klant ${JAN.name} wil gebeld worden op ${JAN.phone}` }).where('id = :id', { id: handoff.id }).execute();
    await ds.getRepository(MessageEntity).update({ id: message.id }, { flagged: true, flagReason: `fout over ${JAN.email}` });
    ids = { contact: contact.id, identity: identity.id, conversation: conversation.id, message: message.id, delivery: delivery.id, handoff: handoff.id };
  });
  afterAll(async () => {
    await ds?.destroy();
    await db?.drop();
  });

  /** Every row of a table as the database holds it (JSON text of all columns). */
  async function rawRows(table: string): Promise<string> {
    const rows = (await ds.query(`SELECT row_to_json(t)::text AS row FROM "${table}" t`)) as { row: string }[];
    return rows.map((r) => r.row).join('\n');
  }

  it('stores no name, e-mail, phone number or message text in clear', async () => {
    const everything = (
      await Promise.all(['contacts', 'contact_channel_identities', 'conversations', 'messages', 'message_deliveries', 'handoff_requests', 'message_identifiers'].map(rawRows))
    ).join('\n');
    for (const value of [JAN.name, 'Jansen', JAN.email, 'jan.jansen', '612345678', 'kunt u mij bellen', 'fout over']) expect(everything).not.toContain(value);
    const [contact] = (await ds.query(`SELECT display_name, email, phone FROM contacts WHERE id = $1`, [ids.contact])) as Record<string, string>[];
    for (const value of Object.values(contact!)) expect(value).toMatch(/^enc:v1:test1:[A-Za-z0-9_-]{16}:[A-Za-z0-9_-]+$/);
    const [message] = (await ds.query(`SELECT text, author_display_name, flag_reason FROM messages WHERE id = $1`, [ids.message])) as Record<string, string>[];
    for (const value of Object.values(message!)) expect(value).toMatch(/^enc:v1:test1:/);
    const [delivery] = (await ds.query(`SELECT to_address, jsonb_typeof(content_variables) AS kind, content_variables #>> '{}' AS variables FROM message_deliveries`)) as Record<string, string>[];
    expect(delivery).toMatchObject({ to_address: expect.stringMatching(/^enc:v1:/), kind: 'string', variables: expect.stringMatching(/^enc:v1:/) });
  });

  it('reads every value back in clear through the entities', async () => {
    expect(await ds.getRepository(ContactEntity).findOneByOrFail({ id: ids.contact })).toMatchObject({ displayName: JAN.name, email: JAN.email, phone: JAN.phone });
    expect(await ds.getRepository(ChannelIdentityEntity).findOneByOrFail({ id: ids.identity })).toMatchObject({ address: `whatsapp:${JAN.phone}` });
    expect(await ds.getRepository(ConversationEntity).findOneByOrFail({ id: ids.conversation })).toMatchObject({ threadKey: `whatsapp:${JAN.phone}` });
    expect(await ds.getRepository(MessageEntity).findOneByOrFail({ id: ids.message })).toMatchObject({ text: TEXT, authorDisplayName: JAN.name, flagReason: `fout over ${JAN.email}` });
    expect(await ds.getRepository(MessageDeliveryEntity).findOneByOrFail({ id: ids.delivery })).toMatchObject({ toAddress: `whatsapp:${JAN.phone}`, contentVariables: { '1': JAN.name } });
    expect((await ds.getRepository(HandoffRequestEntity).findOneByOrFail({ id: ids.handoff })).summary).toBe(`Klant ${JAN.name} wil gebeld worden op ${JAN.phone}`);
  });

  it('finds a contact by e-mail or phone in any notation through the blind index, and only in its own tenant', async () => {
    const contacts = ds.getRepository(ContactEntity);
    expect((await contacts.findOneBy({ tenantId: 'shop', emailBidx: emailIndex('shop', '  JAN.Jansen@example.TEST ') }))?.id).toBe(ids.contact);
    for (const notation of ['+31612345678', '06-12345678', '0031 6 1234 5678', '+31 (0)6 12 34 56 78']) {
      expect((await contacts.findOneBy({ tenantId: 'shop', phoneBidx: phoneIndex('shop', notation) }))?.id).toBe(ids.contact);
    }
    expect(await contacts.findOneBy({ emailBidx: emailIndex('other', JAN.email) })).toBeNull();
    expect(await contacts.findOneBy({ emailBidx: emailIndex('shop', 'piet@example.test') })).toBeNull();
    const identities = ds.getRepository(ChannelIdentityEntity);
    expect((await identities.findOneBy({ tenantId: 'shop', channel: 'whatsapp', addressBidx: addressIndex('shop', 'whatsapp:06 12345678') }))?.id).toBe(ids.identity);
    expect(await identities.findOneBy({ tenantId: 'shop', addressBidx: addressIndex('shop', JAN.phone) })).toBeNull();
  });

  it('keeps the blind indexes in step when a value changes, and one identity per address', async () => {
    const contacts = ds.getRepository(ContactEntity);
    const contact = await contacts.findOneByOrFail({ id: ids.contact });
    contact.email = 'jan@nieuw.example';
    await contacts.save(contact);
    expect(await contacts.findOneBy({ emailBidx: emailIndex('shop', JAN.email) })).toBeNull();
    expect((await contacts.findOneBy({ emailBidx: emailIndex('shop', 'jan@nieuw.example') }))?.id).toBe(ids.contact);
    const identities = ds.getRepository(ChannelIdentityEntity);
    await expect(
      identities.save(identities.create({ tenantId: 'shop', contactId: ids.contact, channel: 'whatsapp', address: `whatsapp:${JAN.phone}`, optedInAt: null, optedOutAt: null, lastInboundAt: null })),
    ).rejects.toMatchObject({ code: '23505' });
  });

  it('records the e-mail addresses and phone numbers a customer wrote as blind indexes of their normal form', async () => {
    const rows = await ds.getRepository(MessageIdentifierEntity).find({ where: { messageId: ids.message }, order: { kind: 'ASC' } });
    expect(rows.map((r) => [r.kind, r.bidx])).toEqual([
      ['email', emailIndex('shop', JAN.email)],
      ['phone', phoneIndex('shop', JAN.phone)],
    ]);
  });

  it('reads plaintext written before encryption as it is', async () => {
    const [row] = (await ds.query(
      `INSERT INTO messages (tenant_id, conversation_id, direction, author_type, author_display_name, ai_generated, text) VALUES ('shop', $1, 'outbound', 'ai', 'Assistent (AI)', true, 'Oude tekst') RETURNING id`,
      [ids.conversation],
    )) as { id: string }[];
    expect((await ds.getRepository(MessageEntity).findOneByOrFail({ id: row!.id })).text).toBe('Oude tekst');
  });

  it('refuses a ciphertext moved into another column', async () => {
    const [moved] = (await ds.query(
      `INSERT INTO contacts (tenant_id, display_name, email, phone) SELECT tenant_id, email, email, phone FROM contacts WHERE id = $1 RETURNING id`,
      [ids.contact],
    )) as { id: string }[];
    await expect(ds.getRepository(ContactEntity).findOneBy({ id: moved!.id })).rejects.toMatchObject({ code: FieldCryptoErrorCode.Tampered });
    await ds.query(`DELETE FROM contacts WHERE id = $1`, [moved!.id]);
  });

  it('refuses to read or write an encrypted column before the keys are set, and to read one with other keys', async () => {
    clearFieldKeyRing();
    try {
      await expect(ds.getRepository(MessageEntity).findOneBy({ id: ids.message })).rejects.toBeInstanceOf(FieldCryptoError);
      await expect(ds.getRepository(ContactEntity).save({ tenantId: 'shop', displayName: 'X', email: null, phone: null, locale: null })).rejects.toMatchObject({
        code: FieldCryptoErrorCode.KeysNotSet,
      });
      useFieldKeyRing(testFieldKeyRing(['elsewhere']));
      await expect(ds.getRepository(MessageEntity).findOneBy({ id: ids.message })).rejects.toMatchObject({ code: FieldCryptoErrorCode.UnknownKey });
    } finally {
      useTestFieldKeyRing();
    }
  });
});
