import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * A Slack event (its `event_id`) or interaction already handled: Slack retries a delivery
 * (`X-Slack-Retry-Num`) when it saw no answer in 3 s, and the retry must change nothing.
 * Kept for SLACK_EVENT_DEDUPE_HOURS; erased with its conversation.
 */
@Entity({ name: 'slack_events' })
@Index('ix_slack_events_received', ['receivedAt'])
@Index('ix_slack_events_conversation', ['tenantId', 'conversationId'])
export class SlackEventEntity {
  @PrimaryColumn({ name: 'event_id', type: 'text' })
  eventId!: string;

  @Column({ name: 'tenant_id', type: 'text' })
  tenantId!: string;

  @Column({ name: 'conversation_id', type: 'uuid', nullable: true })
  conversationId!: string | null;

  @Column({ name: 'received_at', type: 'timestamptz', default: () => 'now()' })
  receivedAt!: Date;
}
