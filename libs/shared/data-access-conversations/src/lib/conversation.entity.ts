import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import type { Channel, ConversationStatus } from '@pegamento/contracts';
import { encryptedText } from './encryption/encrypted-columns';

@Entity({ name: 'conversations' })
@Index('ix_conversations_tenant_status', ['tenantId', 'status', 'updatedAt'])
@Index('ix_conversations_contact', ['contactId'])
@Index('ix_conversations_channel_identity', ['channelIdentityId'])
export class ConversationEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'tenant_id', type: 'text' })
  tenantId!: string;

  @Column({ name: 'contact_id', type: 'uuid', nullable: true })
  contactId!: string | null;

  @Column({ type: 'text' })
  channel!: Channel;

  @Column({ type: 'text', default: 'bot' })
  status!: ConversationStatus;

  @Column({ type: 'text' })
  locale!: string;

  @Column({ name: 'assigned_agent_id', type: 'uuid', nullable: true })
  assignedAgentId!: string | null;

  @Column({ name: 'assigned_agent_name', type: 'text', nullable: true })
  assignedAgentName!: string | null;

  /** SHA-256 of the web conversation token; the token itself is never stored. */
  @Column({ name: 'token_hash', type: 'text', nullable: true })
  tokenHash!: string | null;

  /**
   * The customer's address on an SMS/WhatsApp conversation (contact_channel_identities):
   * where replies go, and whose opt-out and WhatsApp window apply.
   */
  @Column({ name: 'channel_identity_id', type: 'uuid', nullable: true })
  channelIdentityId!: string | null;

  /**
   * Channel thread key: the e-mail thread root Message-ID, the WhatsApp/SMS address.
   * Encrypted (it holds the customer's number); a look-up by it would need a blind index.
   */
  @Column({ name: 'thread_key', type: 'text', nullable: true, transformer: encryptedText('conversations.thread_key') })
  threadKey!: string | null;

  /** Version of the AI disclosure text shown, and when (R02, R07). */
  @Column({ name: 'disclosure_version', type: 'text', nullable: true })
  disclosureVersion!: string | null;

  @Column({ name: 'disclosed_at', type: 'timestamptz', nullable: true })
  disclosedAt!: Date | null;

  /**
   * Who the customer was last told is answering: `ai`, `agent:<id>`, or null before
   * the disclosure. The policy announces every change before the next message (R06).
   */
  @Column({ name: 'announced_speaker', type: 'text', nullable: true })
  announcedSpeaker!: string | null;

  /** AI answers in a row that rested on no approved content; two hand over to a person. */
  @Column({ name: 'ungrounded_streak', type: 'integer', default: 0 })
  ungroundedStreak!: number;

  /** The open request for a person, if any. */
  @Column({ name: 'open_handoff_id', type: 'uuid', nullable: true })
  openHandoffId!: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;

  @Column({ name: 'closed_at', type: 'timestamptz', nullable: true })
  closedAt!: Date | null;
}
