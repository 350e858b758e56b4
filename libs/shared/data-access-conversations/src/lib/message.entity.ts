import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { AuthorType, Source } from '@pegamento/contracts';
import { encryptedText } from './encryption/encrypted-columns';

/** A file the customer sent along (SMS/WhatsApp media, e-mail attachments): type, size when known, and where it lies. */
export interface MessageAttachment {
  contentType: string;
  url: string | null;
  sizeBytes: number | null;
  /** An e-mail attachment's file name (the file itself is not kept). */
  filename?: string | null;
}

/**
 * One message of a conversation. Who wrote it (`authorType`, `aiGenerated`) is fixed
 * when the row is created: TypeORM never writes these columns on update, and a
 * database trigger rejects any UPDATE that tries (R04).
 */
@Entity({ name: 'messages' })
@Index('ix_messages_conversation_created', ['conversationId', 'createdAt'])
@Index('ix_messages_conversation_released', ['conversationId', 'releasedAt'])
@Index('ux_messages_client_message_id', ['conversationId', 'clientMessageId'], {
  unique: true,
  where: 'client_message_id IS NOT NULL',
})
/** A channel's retry of the same inbound message (Twilio MessageSid) stores one message. */
@Index('ux_messages_inbound_channel_message_id', ['conversationId', 'channelMessageId'], {
  unique: true,
  where: "channel_message_id IS NOT NULL AND direction = 'inbound'",
})
export class MessageEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'tenant_id', type: 'text' })
  tenantId!: string;

  @Column({ name: 'conversation_id', type: 'uuid' })
  conversationId!: string;

  @Column({ type: 'text' })
  direction!: 'inbound' | 'outbound';

  @Column({ name: 'author_type', type: 'text', update: false })
  authorType!: AuthorType;

  @Column({ name: 'author_id', type: 'text', nullable: true, update: false })
  authorId!: string | null;

  /** The customer's name on their messages: encrypted like the text (ADR 0015). */
  @Column({ name: 'author_display_name', type: 'text', transformer: encryptedText('messages.author_display_name') })
  authorDisplayName!: string;

  @Column({ name: 'ai_generated', type: 'boolean', update: false })
  aiGenerated!: boolean;

  /** Encrypted in the application (ADR 0015); read and written in clear through the entity. */
  @Column({ type: 'text', transformer: encryptedText('messages.text') })
  text!: string;

  @Column({ type: 'text', nullable: true })
  locale!: string | null;

  @Column({ type: 'jsonb', default: () => "'[]'" })
  sources!: Source[];

  @Column({ type: 'boolean', default: false })
  flagged!: boolean;

  @Column({ name: 'flag_reason', type: 'text', nullable: true, transformer: encryptedText('messages.flag_reason') })
  flagReason!: string | null;

  @Column({ name: 'client_message_id', type: 'text', nullable: true })
  clientMessageId!: string | null;

  @Column({ name: 'channel_message_id', type: 'text', nullable: true })
  channelMessageId!: string | null;

  /**
   * Where an outbound SMS/WhatsApp message is: `pending` (in our send queue), then
   * Twilio's `queued`, `sent`, `delivered`, `read`, or `failed` / `undelivered`.
   */
  @Column({ name: 'delivery_status', type: 'text', nullable: true })
  deliveryStatus!: string | null;

  /** Why it was not delivered: Twilio's error code (21610, 63016, …) or ours (`opted_out`, `whatsapp_window_closed`). */
  @Column({ name: 'delivery_error_code', type: 'text', nullable: true })
  deliveryErrorCode!: string | null;

  @Column({ name: 'delivery_error_message', type: 'text', nullable: true })
  deliveryErrorMessage!: string | null;

  /** SMS segments billed for this message (GSM-7: 160/153 characters, UCS-2: 70/67), all parts together. */
  @Column({ type: 'integer', nullable: true })
  segments!: number | null;

  /** Media the customer sent with an inbound message. */
  @Column({ type: 'jsonb', default: () => "'[]'" })
  attachments!: MessageAttachment[];

  /** clock_timestamp(), not now(): messages written in one transaction keep their order. */
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz', default: () => 'clock_timestamp()' })
  createdAt!: Date;

  /**
   * When the customer may see it: at once for what they wrote and what the policy itself
   * sends; for an agent's reply (stored by handoff) only once the policy released it,
   * after saying who writes now (R06). Null until then. The customer's transcript is
   * ordered by it; agents see every message at once, by `createdAt`.
   */
  @Column({ name: 'released_at', type: 'timestamptz', nullable: true, default: () => 'clock_timestamp()' })
  releasedAt!: Date | null;
}
