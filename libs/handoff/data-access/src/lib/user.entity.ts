import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

export type UserRole = 'agent' | 'admin';

/** A contact-centre agent or an admin of one tenant. */
@Entity({ name: 'users' })
@Index('ux_users_tenant_email', ['tenantId', 'email'], { unique: true })
/** Login looks a user up by e-mail alone (the login body names no tenant). */
@Index('ix_users_email', ['email'])
export class UserEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'tenant_id', type: 'text' })
  tenantId!: string;

  /** Lower-cased. */
  @Column({ type: 'text' })
  email!: string;

  @Column({ name: 'display_name', type: 'text' })
  displayName!: string;

  @Column({ type: 'text' })
  role!: UserRole;

  @Column({ name: 'password_hash', type: 'text' })
  passwordHash!: string;

  @Column({ type: 'boolean', default: true })
  active!: boolean;

  /** Languages the agent answers in (BCP-47 primary tags); the queue matches them. */
  @Column({ type: 'text', array: true, default: () => "'{nl,en}'" })
  languages!: string[];

  @Column({ type: 'text', array: true, default: () => "'{}'" })
  skills!: string[];

  /** Most conversations auto-assignment gives this agent at once. */
  @Column({ name: 'max_concurrent', type: 'integer', default: 5 })
  maxConcurrent!: number;

  /** Takes auto-assigned conversations now. */
  @Column({ type: 'boolean', default: false })
  available!: boolean;

  @Column({ name: 'failed_logins', type: 'integer', default: 0 })
  failedLogins!: number;

  @Column({ name: 'locked_until', type: 'timestamptz', nullable: true })
  lockedUntil!: Date | null;

  @Column({ name: 'last_login_at', type: 'timestamptz', nullable: true })
  lastLoginAt!: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
