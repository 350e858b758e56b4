import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

/** What a queued post does in Slack: the card, an update of it, the transcript, a customer message, a notice in the thread. */
export type SlackPostKind = 'card' | 'card_update' | 'transcript' | 'message' | 'notice';
export type SlackPostState = 'pending' | 'sending' | 'sent' | 'failed';

/**
 * The Slack send queue (ADR 0017): every Web API call the app makes on its own, so a
 * 429 or 5xx is retried with back-off and nothing waits for Slack inside a bus handler.
 * `params` hold references only (a message id, a notice key, an agent's name): the text
 * is rendered from the database when the post is sent, so no customer text is copied
 * here. One thread's posts go out in `seq` order (the card before its thread).
 */
@Entity({ name: 'slack_posts' })
@Index('ix_slack_posts_due', ['state', 'nextAttemptAt'])
@Index('ix_slack_posts_thread', ['threadId', 'seq'])
@Index('ix_slack_posts_conversation', ['tenantId', 'conversationId'])
export class SlackPostEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'bigint', generated: 'increment' })
  seq!: string;

  @Column({ name: 'tenant_id', type: 'text' })
  tenantId!: string;

  @Column({ name: 'conversation_id', type: 'uuid' })
  conversationId!: string;

  /** slack_threads.id */
  @Column({ name: 'thread_id', type: 'uuid' })
  threadId!: string;

  @Column({ type: 'text' })
  kind!: SlackPostKind;

  @Column({ type: 'jsonb', default: () => "'{}'" })
  params!: Record<string, string>;

  @Column({ type: 'text', default: 'pending' })
  state!: SlackPostState;

  @Column({ type: 'integer', default: 0 })
  attempts!: number;

  @Column({ name: 'next_attempt_at', type: 'timestamptz', default: () => 'now()' })
  nextAttemptAt!: Date;

  @Column({ name: 'lease_until', type: 'timestamptz', nullable: true })
  leaseUntil!: Date | null;

  /** The ts Slack gave the posted message: an erasure deletes it from Slack by it (slack_deletions). */
  @Column({ name: 'posted_ts', type: 'text', nullable: true })
  postedTs!: string | null;

  /** Slack's error code or the HTTP status of the last failure (never a text). */
  @Column({ name: 'last_error', type: 'text', nullable: true })
  lastError!: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
