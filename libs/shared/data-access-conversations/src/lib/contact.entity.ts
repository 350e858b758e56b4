import { BeforeInsert, BeforeUpdate, Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { encryptedText } from './encryption/encrypted-columns';
import { emailIndex, phoneIndex } from './encryption/lookup-index';

/**
 * A customer, as far as the platform knows them. Personal data: erasable and exportable.
 * Name, e-mail and phone are encrypted in the application (ADR 0015); a contact is found by
 * e-mail or phone through the keyed blind indexes, kept up to date on every write.
 */
@Entity({ name: 'contacts' })
@Index('ix_contacts_tenant_email_bidx', ['tenantId', 'emailBidx'])
@Index('ix_contacts_tenant_phone_bidx', ['tenantId', 'phoneBidx'])
export class ContactEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'tenant_id', type: 'text' })
  tenantId!: string;

  @Column({ name: 'display_name', type: 'text', nullable: true, transformer: encryptedText('contacts.display_name') })
  displayName!: string | null;

  /** Lower-cased. */
  @Column({ type: 'text', nullable: true, transformer: encryptedText('contacts.email') })
  email!: string | null;

  /** E.164. */
  @Column({ type: 'text', nullable: true, transformer: encryptedText('contacts.phone') })
  phone!: string | null;

  /** Keyed blind index of the e-mail address (look-ups by equality); never read back. */
  @Column({ name: 'email_bidx', type: 'text', nullable: true })
  emailBidx!: string | null;

  /** Keyed blind index of the phone number in E.164. */
  @Column({ name: 'phone_bidx', type: 'text', nullable: true })
  phoneBidx!: string | null;

  @Column({ type: 'text', nullable: true })
  locale!: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;

  /**
   * Keeps the blind indexes in step with the values (a partly loaded entity leaves them
   * alone). TypeORM runs it for `save()` of an entity instance (`repository.create(…)`, or
   * one it loaded), not for `update()`, `insert()` or a plain object: write contacts so.
   */
  @BeforeInsert()
  @BeforeUpdate()
  protected indexLookups(): void {
    if (this.tenantId === undefined) return;
    if (this.email !== undefined) this.emailBidx = this.email ? emailIndex(this.tenantId, this.email) : null;
    if (this.phone !== undefined) this.phoneBidx = this.phone ? phoneIndex(this.tenantId, this.phone) : null;
  }
}
