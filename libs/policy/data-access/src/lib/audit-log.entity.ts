import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * The evidence log (R07): every policy decision with its reason, disclosure shown,
 * handoff asked and answered. `details` holds decision data, never message texts.
 *
 * Append-only and hash-chained per tenant (R22, ADR 0014): database triggers (policy
 * migration ChainAuditLog) number each new row, link it to the tenant's previous row and
 * hash it, and refuse UPDATE, DELETE and TRUNCATE, except the one update retention and
 * erasure need: emptying `details` (its digest stays in the chain). The application
 * never writes the chain columns; `verifyAuditChain` recomputes them.
 */
@Entity({ name: 'audit_log' })
@Index('ux_audit_log_tenant_seq', ['tenantId', 'seq'], { unique: true })
@Index('ix_audit_log_conversation', ['conversationId', 'occurredAt'])
@Index('ix_audit_log_tenant_time', ['tenantId', 'occurredAt'])
@Index('ux_audit_log_event', ['eventId'], { unique: true, where: 'event_id IS NOT NULL' })
export class AuditLogEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'tenant_id', type: 'text' })
  tenantId!: string;

  @Column({ name: 'conversation_id', type: 'uuid', nullable: true })
  conversationId!: string | null;

  /** The `audit.recorded` event this row came from, for idempotency. */
  @Column({ name: 'event_id', type: 'uuid', nullable: true })
  eventId!: string | null;

  @Column({ type: 'text' })
  action!: string;

  @Column({ name: 'actor_type', type: 'text' })
  actorType!: string;

  @Column({ name: 'actor_id', type: 'text', nullable: true })
  actorId!: string | null;

  @Column({ type: 'text', nullable: true })
  reason!: string | null;

  @Column({ type: 'jsonb', default: () => "'{}'" })
  details!: Record<string, unknown>;

  @Column({ name: 'occurred_at', type: 'timestamptz' })
  occurredAt!: Date;

  @CreateDateColumn({ name: 'recorded_at', type: 'timestamptz' })
  recordedAt!: Date;

  /** Position in the tenant's chain, from 1 (set by the insert trigger). */
  @Column({ type: 'bigint', insert: false, update: false })
  seq!: string;

  /** Hex SHA-256 of the canonical `details` as written (kept when details are erased). */
  @Column({ name: 'details_digest', type: 'text', insert: false, update: false })
  detailsDigest!: string;

  /** Hash of the tenant's previous row (64 zeros for the first). */
  @Column({ name: 'prev_hash', type: 'text', insert: false, update: false })
  prevHash!: string;

  /** Hex SHA-256 over this row's fields, its details digest and `prevHash`. */
  @Column({ type: 'text', insert: false, update: false })
  hash!: string;

  /** When retention or an erasure emptied `details`; null while they are kept. */
  @Column({ name: 'details_erased_at', type: 'timestamptz', nullable: true })
  detailsErasedAt!: Date | null;
}
