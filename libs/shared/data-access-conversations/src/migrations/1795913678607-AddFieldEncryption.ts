import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Application-level encryption (ADR 0015): the look-up indexes on e-mail, phone and channel
 * address move to keyed blind-index columns (the values themselves become ciphertexts, which
 * differ every time), and `message_identifiers` holds the blind indexes of the e-mail
 * addresses and phone numbers customers wrote. Existing rows keep their plaintext until
 * `npm run keys -- rotate` encrypts them and `npm run keys -- reindex` fills their indexes.
 */
export class AddFieldEncryption1795913678607 implements MigrationInterface {
  name = 'AddFieldEncryption1795913678607';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."ux_channel_identities_address"`);
    await queryRunner.query(`DROP INDEX "public"."ix_contacts_tenant_phone"`);
    await queryRunner.query(`DROP INDEX "public"."ix_contacts_tenant_email"`);
    await queryRunner.query(`CREATE TABLE "message_identifiers" ("message_id" uuid NOT NULL, "kind" text NOT NULL, "bidx" text NOT NULL, "tenant_id" text NOT NULL, "conversation_id" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_0c302cf16f4cfa9c6cb059923ca" PRIMARY KEY ("message_id", "kind", "bidx"))`);
    await queryRunner.query(`CREATE INDEX "ix_message_identifiers_conversation" ON "message_identifiers"  ("conversation_id") `);
    await queryRunner.query(`CREATE INDEX "ix_message_identifiers_lookup" ON "message_identifiers"  ("tenant_id", "kind", "bidx") `);
    await queryRunner.query(`ALTER TABLE "contact_channel_identities" ADD "address_bidx" text`);
    await queryRunner.query(`ALTER TABLE "contacts" ADD "email_bidx" text`);
    await queryRunner.query(`ALTER TABLE "contacts" ADD "phone_bidx" text`);
    await queryRunner.query(`CREATE UNIQUE INDEX "ux_channel_identities_address_bidx" ON "contact_channel_identities"  ("tenant_id", "channel", "address_bidx") `);
    await queryRunner.query(`CREATE INDEX "ix_contacts_tenant_phone_bidx" ON "contacts"  ("tenant_id", "phone_bidx") `);
    await queryRunner.query(`CREATE INDEX "ix_contacts_tenant_email_bidx" ON "contacts"  ("tenant_id", "email_bidx") `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."ix_contacts_tenant_email_bidx"`);
    await queryRunner.query(`DROP INDEX "public"."ix_contacts_tenant_phone_bidx"`);
    await queryRunner.query(`DROP INDEX "public"."ux_channel_identities_address_bidx"`);
    await queryRunner.query(`ALTER TABLE "contacts" DROP COLUMN "phone_bidx"`);
    await queryRunner.query(`ALTER TABLE "contacts" DROP COLUMN "email_bidx"`);
    await queryRunner.query(`ALTER TABLE "contact_channel_identities" DROP COLUMN "address_bidx"`);
    await queryRunner.query(`DROP INDEX "public"."ix_message_identifiers_lookup"`);
    await queryRunner.query(`DROP INDEX "public"."ix_message_identifiers_conversation"`);
    await queryRunner.query(`DROP TABLE "message_identifiers"`);
    await queryRunner.query(`CREATE INDEX "ix_contacts_tenant_email" ON "contacts" USING btree ("tenant_id", "email") `);
    await queryRunner.query(`CREATE INDEX "ix_contacts_tenant_phone" ON "contacts" USING btree ("tenant_id", "phone") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "ux_channel_identities_address" ON "contact_channel_identities" USING btree ("tenant_id", "channel", "address") `);
  }
}
