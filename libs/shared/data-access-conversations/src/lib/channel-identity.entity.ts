import { BeforeInsert, BeforeUpdate, Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { Channel } from '@pegamento/contracts';
import { encryptedText } from './encryption/encrypted-columns';
import { addressIndex } from './encryption/lookup-index';

/**
 * How a contact is reached on one channel: `whatsapp:+316…`, an e-mail address, a phone
 * number. The address is encrypted (ADR 0015); it is found, and kept unique per tenant and
 * channel, through its keyed blind index.
 */
@Entity({ name: 'contact_channel_identities' })
@Index('ux_channel_identities_address_bidx', ['tenantId', 'channel', 'addressBidx'], { unique: true })
@Index('ix_channel_identities_contact', ['contactId'])
export class ChannelIdentityEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'tenant_id', type: 'text' })
  tenantId!: string;

  @Column({ name: 'contact_id', type: 'uuid' })
  contactId!: string;

  @Column({ type: 'text' })
  channel!: Channel;

  @Column({ type: 'text', transformer: encryptedText('contact_channel_identities.address') })
  address!: string;

  /** Keyed blind index of the address; written with it, never read back. */
  @Column({ name: 'address_bidx', type: 'text', nullable: true })
  addressBidx!: string | null;

  /** SMS opt-out (STOP) and WhatsApp opt-in are recorded per identity. */
  @Column({ name: 'opted_out_at', type: 'timestamptz', nullable: true })
  optedOutAt!: Date | null;

  @Column({ name: 'opted_in_at', type: 'timestamptz', nullable: true })
  optedInAt!: Date | null;

  /** The customer's last message on this identity: opens WhatsApp's 24-hour customer-service window. */
  @Column({ name: 'last_inbound_at', type: 'timestamptz', nullable: true })
  lastInboundAt!: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  /** Keeps the blind index in step with the address, on `save()` of an entity instance (not `update()`, `insert()` or a plain object). */
  @BeforeInsert()
  @BeforeUpdate()
  protected indexLookups(): void {
    if (this.tenantId !== undefined && this.address !== undefined) this.addressBidx = addressIndex(this.tenantId, this.address);
  }
}
