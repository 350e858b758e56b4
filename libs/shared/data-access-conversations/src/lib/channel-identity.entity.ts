import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { Channel } from '@pegamento/contracts';

/** How a contact is reached on one channel: `whatsapp:+316…`, an e-mail address, a phone number. */
@Entity({ name: 'contact_channel_identities' })
@Index('ux_channel_identities_address', ['tenantId', 'channel', 'address'], { unique: true })
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

  @Column({ type: 'text' })
  address!: string;

  /** SMS opt-out (STOP) and WhatsApp opt-in are recorded per identity. */
  @Column({ name: 'opted_out_at', type: 'timestamptz', nullable: true })
  optedOutAt!: Date | null;

  @Column({ name: 'opted_in_at', type: 'timestamptz', nullable: true })
  optedInAt!: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
