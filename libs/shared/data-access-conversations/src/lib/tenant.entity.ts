import { Column, CreateDateColumn, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';

/** An organisation using Pegamento. The standalone process creates the `default` tenant. */
@Entity({ name: 'tenants' })
export class TenantEntity {
  /** Short, stable slug (`default`, `acme`); travels in every event as `tenantId`. */
  @PrimaryColumn({ type: 'text' })
  id!: string;

  @Column({ type: 'text' })
  name!: string;

  @Column({ name: 'default_locale', type: 'text', default: 'nl' })
  defaultLocale!: string;

  /** Per-tenant settings (retention, opening hours, triggers); validated by the owning service. */
  @Column({ type: 'jsonb', default: () => "'{}'" })
  settings!: Record<string, unknown>;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
