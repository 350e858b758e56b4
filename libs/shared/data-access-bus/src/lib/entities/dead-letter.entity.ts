import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** An event a consumer group gave up on after its retries; listed and replayed by operators. */
@Entity({ name: 'dead_letters' })
@Index('ux_dead_letters_group_event', ['consumerGroup', 'eventId'], { unique: true })
@Index('ix_dead_letters_open', ['deadLetteredAt'], { where: 'replayed_at IS NULL' })
export class DeadLetterEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'consumer_group', type: 'text' })
  consumerGroup!: string;

  @Column({ type: 'text' })
  topic!: string;

  /** The event's id, or a hash of the raw message when it was not a valid event. */
  @Column({ name: 'event_id', type: 'text' })
  eventId!: string;

  @Column({ name: 'event_type', type: 'text', nullable: true })
  eventType!: string | null;

  @Column({ name: 'tenant_id', type: 'text', nullable: true })
  tenantId!: string | null;

  @Column({ name: 'message_key', type: 'text' })
  messageKey!: string;

  /** The message as received: the parsed envelope, or `{ raw }` when it did not parse. */
  @Column({ type: 'jsonb' })
  envelope!: Record<string, unknown>;

  @Column({ type: 'text' })
  error!: string;

  @Column({ type: 'integer' })
  attempts!: number;

  @Column({ name: 'dead_lettered_at', type: 'timestamptz' })
  deadLetteredAt!: Date;

  @Column({ name: 'replayed_at', type: 'timestamptz', nullable: true })
  replayedAt!: Date | null;

  @Column({ name: 'replay_count', type: 'integer', default: 0 })
  replayCount!: number;
}
