import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

export type CrmAdapterName = 'hubspot' | 'webhook';
export type CrmSyncKind = 'transcript' | 'erasure';
export type CrmSyncStatus = 'pending' | 'done' | 'failed';

/**
 * What an erasure asks of one CRM adapter: ids only, never names, addresses or texts.
 * `contacts`: HubSpot contacts Pegamento created (GDPR-deleted); `keptContacts`: contacts
 * that existed before (left to the organisation's CRM process, named in the report);
 * `notes`: the transcript notes Pegamento wrote (deleted); `conversationIds`/`contactIds`:
 * Pegamento's own ids, which the webhook receiver knows from the deliveries it got.
 */
export interface CrmErasureRefs {
  contacts: string[];
  keptContacts: string[];
  notes: string[];
  conversationIds: string[];
  contactIds: string[];
}

/** Steps of a transcript sync already done at the CRM, kept so a retry does not repeat them. */
export interface CrmTranscriptProgress {
  hubspotContactId?: string;
}

/**
 * The crm-sync queue (ADR 0019): a closed conversation's transcript to send to one adapter,
 * or an erasure to carry out there. Written in the transaction of the event or erasure
 * that caused it; worked by CrmSyncWorker (replicas share it: SKIP LOCKED), retried with
 * back-off, then `failed` with the reason.
 */
@Entity({ name: 'crm_syncs' })
@Index('ix_crm_syncs_due', ['nextAttemptAt'], { where: `status = 'pending'` })
@Index('ux_crm_syncs_source', ['adapter', 'sourceId'], { unique: true })
@Index('ix_crm_syncs_conversation', ['conversationId'])
export class CrmSyncEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'tenant_id', type: 'text' })
  tenantId!: string;

  @Column({ type: 'text' })
  adapter!: CrmAdapterName;

  @Column({ type: 'text' })
  kind!: CrmSyncKind;

  /** What caused it (the closing event's id, or the erasure's): one sync per cause and adapter. */
  @Column({ name: 'source_id', type: 'text' })
  sourceId!: string;

  @Column({ name: 'conversation_id', type: 'uuid', nullable: true })
  conversationId!: string | null;

  /** Erasure: CrmErasureRefs; transcript: CrmTranscriptProgress. */
  @Column({ type: 'jsonb', default: () => "'{}'" })
  refs!: Partial<CrmErasureRefs> & CrmTranscriptProgress;

  @Column({ type: 'text', default: 'pending' })
  status!: CrmSyncStatus;

  @Column({ type: 'integer', default: 0 })
  attempts!: number;

  @Column({ name: 'next_attempt_at', type: 'timestamptz', default: () => 'now()' })
  nextAttemptAt!: Date;

  @Column({ name: 'last_error', type: 'text', nullable: true })
  lastError!: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
