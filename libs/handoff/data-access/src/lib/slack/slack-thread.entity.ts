import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

/** Where a handoff's Slack card is in its life: waiting for a claim, claimed, released to the assistant, closed. */
export type SlackThreadState = 'waiting' | 'claimed' | 'released' | 'closed';

/**
 * One handoff's card in the agents' Slack channel and the thread under it: the map from
 * Slack's message `ts` to the conversation (replies in the thread find their conversation
 * by it). One row per handoff request (`handoff_id` unique), so a redelivered
 * `handoff.requested` posts no second card. Holds no customer text; erased with the
 * conversation (libs/policy/feature-privacy, erasure).
 */
@Entity({ name: 'slack_threads' })
@Index('ux_slack_threads_handoff', ['handoffId'], { unique: true })
@Index('ix_slack_threads_message', ['channelId', 'messageTs'])
@Index('ix_slack_threads_conversation', ['tenantId', 'conversationId'])
export class SlackThreadEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'tenant_id', type: 'text' })
  tenantId!: string;

  @Column({ name: 'conversation_id', type: 'uuid' })
  conversationId!: string;

  /** The handoff request (handoff_requests.id) the card announces. */
  @Column({ name: 'handoff_id', type: 'uuid' })
  handoffId!: string;

  /** Slack channel id (`C…`). */
  @Column({ name: 'channel_id', type: 'text' })
  channelId!: string;

  /** The card's message ts (the thread's `thread_ts`); null until Slack accepted the card. */
  @Column({ name: 'message_ts', type: 'text', nullable: true })
  messageTs!: string | null;

  @Column({ type: 'text', default: 'waiting' })
  state!: SlackThreadState;

  /** The Pegamento agent who claimed it from Slack. */
  @Column({ name: 'agent_id', type: 'uuid', nullable: true })
  agentId!: string | null;

  /** That agent's Slack user id (`U…`): only their messages in the thread go to the customer. */
  @Column({ name: 'slack_user_id', type: 'text', nullable: true })
  slackUserId!: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
