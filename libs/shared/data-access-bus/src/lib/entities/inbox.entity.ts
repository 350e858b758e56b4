import { CreateDateColumn, Entity, PrimaryColumn, Column } from 'typeorm';

/** Events a consumer group has handled, written in the handler's own transaction. */
@Entity({ name: 'inbox' })
export class InboxEntity {
  @PrimaryColumn({ name: 'consumer_group', type: 'text' })
  consumerGroup!: string;

  @PrimaryColumn({ name: 'event_id', type: 'uuid' })
  eventId!: string;

  @Column({ name: 'event_type', type: 'text' })
  eventType!: string;

  @CreateDateColumn({ name: 'handled_at', type: 'timestamptz' })
  handledAt!: Date;
}
