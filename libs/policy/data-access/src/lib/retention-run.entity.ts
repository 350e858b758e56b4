import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * Proof of one retention run for one tenant (R19): when it ran, the cut-off it applied
 * and how many rows it erased from each store. Counts only, never what was erased.
 */
@Entity({ name: 'retention_runs' })
@Index('ix_retention_runs_tenant_time', ['tenantId', 'startedAt'])
export class RetentionRunEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'tenant_id', type: 'text' })
  tenantId!: string;

  @Column({ name: 'retention_days', type: 'integer' })
  retentionDays!: number;

  /** Data last active before this moment was erased. */
  @Column({ type: 'timestamptz' })
  cutoff!: Date;

  @Column({ name: 'started_at', type: 'timestamptz' })
  startedAt!: Date;

  @Column({ name: 'finished_at', type: 'timestamptz' })
  finishedAt!: Date;

  /** Rows erased per store, e.g. {"messages": 12, "conversations": 2, "audit_log.details": 30}. */
  @Column({ type: 'jsonb' })
  erased!: Record<string, number>;
}
