import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * Events waiting to be published, written in the same transaction as the state
 * change they describe. The relay publishes unpublished rows in `id` order.
 */
@Entity({ name: 'outbox' })
@Index('ix_outbox_unpublished', ['id'], { where: 'published_at IS NULL' })
@Index('ix_outbox_published_at', ['publishedAt'], { where: 'published_at IS NOT NULL' })
export class OutboxEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id!: string;

  @Column({ name: 'event_id', type: 'uuid' })
  eventId!: string;

  @Column({ name: 'event_type', type: 'text' })
  eventType!: string;

  /** Topic without the deployment prefix. */
  @Column({ type: 'text' })
  topic!: string;

  /** Partition key: the conversation id, so one conversation stays in order. */
  @Column({ name: 'message_key', type: 'text' })
  messageKey!: string;

  @Column({ type: 'jsonb' })
  envelope!: Record<string, unknown>;

  @Column({ type: 'jsonb', default: () => "'{}'" })
  headers!: Record<string, string>;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'published_at', type: 'timestamptz', nullable: true })
  publishedAt!: Date | null;
}
