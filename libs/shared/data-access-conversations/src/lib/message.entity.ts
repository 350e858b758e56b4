import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { AuthorType, Source } from '@pegamento/contracts';

/**
 * One message of a conversation. Who wrote it (`authorType`, `aiGenerated`) is fixed
 * when the row is created: TypeORM never writes these columns on update, and a
 * database trigger rejects any UPDATE that tries (R04).
 */
@Entity({ name: 'messages' })
@Index('ix_messages_conversation_created', ['conversationId', 'createdAt'])
@Index('ux_messages_client_message_id', ['conversationId', 'clientMessageId'], {
  unique: true,
  where: 'client_message_id IS NOT NULL',
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

  @Column({ name: 'author_display_name', type: 'text' })
  authorDisplayName!: string;

  @Column({ name: 'ai_generated', type: 'boolean', update: false })
  aiGenerated!: boolean;

  @Column({ type: 'text' })
  text!: string;

  @Column({ type: 'text', nullable: true })
  locale!: string | null;

  @Column({ type: 'jsonb', default: () => "'[]'" })
  sources!: Source[];

  @Column({ type: 'boolean', default: false })
  flagged!: boolean;

  @Column({ name: 'flag_reason', type: 'text', nullable: true })
  flagReason!: string | null;

  @Column({ name: 'client_message_id', type: 'text', nullable: true })
  clientMessageId!: string | null;

  @Column({ name: 'channel_message_id', type: 'text', nullable: true })
  channelMessageId!: string | null;

  @Column({ name: 'delivery_status', type: 'text', nullable: true })
  deliveryStatus!: string | null;

  /** clock_timestamp(), not now(): messages written in one transaction keep their order. */
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz', default: () => 'clock_timestamp()' })
  createdAt!: Date;
}
