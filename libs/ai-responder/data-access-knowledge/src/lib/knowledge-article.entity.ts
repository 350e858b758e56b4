import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

/** An article the organisation approved; the only ground of the assistant's answers (R13). */
@Entity({ name: 'knowledge_articles' })
@Index('ix_knowledge_articles_tenant_locale', ['tenantId', 'locale'])
export class KnowledgeArticleEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'tenant_id', type: 'text' })
  tenantId!: string;

  /** `nl` or `en`: also picks the full-text search configuration (dutch/english). */
  @Column({ type: 'text' })
  locale!: string;

  @Column({ type: 'text' })
  title!: string;

  @Column({ type: 'text' })
  body!: string;

  @Column({ type: 'text', nullable: true })
  url!: string | null;

  /** Where it came from: `api`, `import`, `demo`. */
  @Column({ type: 'text', default: 'api' })
  origin!: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
