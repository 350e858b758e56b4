import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { CrmAdapterName } from './crm-sync.entity';

/**
 * What Pegamento put into a CRM, by the CRM's id: a HubSpot contact (and whether Pegamento
 * created it), a transcript note, a webhook delivery. An erasure finds here what to delete
 * there (ADR 0019). Ids only.
 */
@Entity({ name: 'crm_records' })
@Index('ux_crm_records_external', ['adapter', 'objectType', 'externalId'], { unique: true })
@Index('ix_crm_records_contact', ['contactId'])
@Index('ix_crm_records_conversation', ['conversationId'])
export class CrmRecordEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'tenant_id', type: 'text' })
  tenantId!: string;

  @Column({ type: 'text' })
  adapter!: CrmAdapterName;

  @Column({ name: 'object_type', type: 'text' })
  objectType!: 'contact' | 'note' | 'delivery';

  @Column({ name: 'external_id', type: 'text' })
  externalId!: string;

  @Column({ name: 'contact_id', type: 'uuid', nullable: true })
  contactId!: string | null;

  @Column({ name: 'conversation_id', type: 'uuid', nullable: true })
  conversationId!: string | null;

  /** A contact Pegamento created (an erasure deletes it); false: it was there before. */
  @Column({ name: 'created_by_us', type: 'boolean', default: true })
  createdByUs!: boolean;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
