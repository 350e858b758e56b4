import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * A message the Slack app posted that must go from Slack (R20: an erasure reaches Slack's
 * copies through its API). The privacy erasure fills it, in its transaction, from the
 * erased conversations' cards and thread posts; the Slack send worker deletes each with
 * `chat.delete` (retried like a post) and then the row. Holds only Slack's channel id and
 * message ts: nothing that names the person or the conversation.
 */
@Entity({ name: 'slack_deletions' })
@Index('ix_slack_deletions_due', ['state', 'nextAttemptAt'])
export class SlackDeletionEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'tenant_id', type: 'text' })
  tenantId!: string;

  @Column({ name: 'channel_id', type: 'text' })
  channelId!: string;

  @Column({ name: 'message_ts', type: 'text' })
  messageTs!: string;

  /** `pending` until deleted (the row goes), `failed` when Slack refused for good. */
  @Column({ type: 'text', default: 'pending' })
  state!: 'pending' | 'failed';

  @Column({ type: 'integer', default: 0 })
  attempts!: number;

  @Column({ name: 'next_attempt_at', type: 'timestamptz', default: () => 'now()' })
  nextAttemptAt!: Date;

  @Column({ name: 'last_error', type: 'text', nullable: true })
  lastError!: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
