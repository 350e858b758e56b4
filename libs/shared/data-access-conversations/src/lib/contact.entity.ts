import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

/** A customer, as far as the platform knows them. Personal data: erasable and exportable. */
@Entity({ name: 'contacts' })
@Index('ix_contacts_tenant_email', ['tenantId', 'email'])
@Index('ix_contacts_tenant_phone', ['tenantId', 'phone'])
export class ContactEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'tenant_id', type: 'text' })
  tenantId!: string;

  @Column({ name: 'display_name', type: 'text', nullable: true })
  displayName!: string | null;

  /** Lower-cased. */
  @Column({ type: 'text', nullable: true })
  email!: string | null;

  /** E.164. */
  @Column({ type: 'text', nullable: true })
  phone!: string | null;

  @Column({ type: 'text', nullable: true })
  locale!: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
