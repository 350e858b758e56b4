import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * The evidence log (R07): every policy decision with its reason, disclosure shown,
 * handoff asked and answered. `details` holds decision data, never message texts.
 */
@Entity({ name: 'audit_log' })
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
}
