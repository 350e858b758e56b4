import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { encryptedText } from './encryption/encrypted-columns';

/**
 * One e-mail of a conversation as the e-mail channel (gateway-email) threads it: its
 * RFC 5322 Message-ID (ours for replies, the customer's for inbound mail), so a reply
 * naming it in In-Reply-To/References continues the conversation and a repeated
 * Message-ID stores nothing new; the subject (masked like the text, encrypted), and for
 * inbound mail whether it may get automatic replies (R33: the per-sender limit, through
 * the keyed blind index of the sender's address). Erased with its conversation.
 */
@Entity({ name: 'email_messages' })
@Index('ux_email_messages_header_id', ['tenantId', 'headerMessageId'], { unique: true })
@Index('ix_email_messages_conversation', ['conversationId', 'createdAt'])
@Index('ix_email_messages_sender', ['tenantId', 'senderBidx', 'createdAt'])
export class EmailMessageEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'tenant_id', type: 'text' })
  tenantId!: string;

  @Column({ name: 'conversation_id', type: 'uuid' })
  conversationId!: string;

  /** The message (messages.id) this mail carried. */
  @Column({ name: 'message_id', type: 'uuid' })
  messageId!: string;

  @Column({ type: 'text' })
  direction!: 'inbound' | 'outbound';

  /** The Message-ID header without angle brackets. */
  @Column({ name: 'header_message_id', type: 'text' })
  headerMessageId!: string;

  /** The Subject (inbound: masked before storage, R16); encrypted (ADR 0015). */
  @Column({ type: 'text', nullable: true, transformer: encryptedText('email_messages.subject') })
  subject!: string | null;

  /** Keyed blind index of the sender's address (inbound): the per-sender limit counts by it. */
  @Column({ name: 'sender_bidx', type: 'text', nullable: true })
  senderBidx!: string | null;

  /** Inbound: automatic replies to this mail are allowed (false above the per-sender limit). */
  @Column({ name: 'auto_reply', type: 'boolean', default: true })
  autoReply!: boolean;

  /** Outbound: this mail carried the AI disclosure (the first AI mail of the thread). */
  @Column({ name: 'carries_disclosure', type: 'boolean', default: false })
  carriesDisclosure!: boolean;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz', default: () => 'clock_timestamp()' })
  createdAt!: Date;
}
