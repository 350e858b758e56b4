import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import type { Channel } from '@pegamento/contracts';
import { encryptedJson, encryptedText } from './encryption/encrypted-columns';

/**
 * One part of an outbound SMS/WhatsApp message on its way through the channel provider
 * (Twilio): the durable send queue of gateway-messaging and the delivery record after.
 * A long SMS is split into several parts at sentence ends; each is one provider message
 * with its own id and status. `state` is the queue's: `pending` (due at
 * `next_attempt_at`), `sending` (leased until `lease_until`), `sent`, `failed`.
 * The text is kept only while the part waits to be sent.
 */
@Entity({ name: 'message_deliveries' })
@Index('ix_message_deliveries_due', ['state', 'nextAttemptAt'])
@Index('ix_message_deliveries_conversation', ['conversationId', 'seq'])
@Index('ix_message_deliveries_message', ['messageId'])
@Index('ux_message_deliveries_provider_id', ['providerMessageId'], { unique: true, where: 'provider_message_id IS NOT NULL' })
export class MessageDeliveryEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  /** Insert order: parts of one conversation go out in this order. */
  @Column({ type: 'bigint', generated: 'increment' })
  seq!: string;

  @Column({ name: 'tenant_id', type: 'text' })
  tenantId!: string;

  @Column({ name: 'conversation_id', type: 'uuid' })
  conversationId!: string;

  @Column({ name: 'message_id', type: 'uuid' })
  messageId!: string;

  @Column({ type: 'text' })
  channel!: Channel;

  /** 1-based part number of the message. */
  @Column({ type: 'integer', default: 1 })
  part!: number;

  @Column({ name: 'part_count', type: 'integer', default: 1 })
  partCount!: number;

  /** The customer's number: encrypted (ADR 0015). */
  @Column({ name: 'to_address', type: 'text', transformer: encryptedText('message_deliveries.to_address') })
  toAddress!: string;

  @Column({ name: 'from_address', type: 'text' })
  fromAddress!: string;

  /** The text to send (encrypted); cleared once the part is sent or failed (the message keeps it). */
  @Column({ type: 'text', nullable: true, transformer: encryptedText('message_deliveries.body') })
  body!: string | null;

  /** An approved WhatsApp template instead of free text. */
  @Column({ name: 'content_sid', type: 'text', nullable: true })
  contentSid!: string | null;

  /** The template's values (may name the customer): encrypted JSON, stored as a jsonb string. */
  @Column({ name: 'content_variables', type: 'jsonb', nullable: true, transformer: encryptedJson('message_deliveries.content_variables') })
  contentVariables!: Record<string, string> | null;

  @Column({ type: 'text', default: 'pending' })
  state!: 'pending' | 'sending' | 'sent' | 'failed';

  @Column({ type: 'integer', default: 0 })
  attempts!: number;

  @Column({ name: 'next_attempt_at', type: 'timestamptz', default: () => 'now()' })
  nextAttemptAt!: Date;

  @Column({ name: 'lease_until', type: 'timestamptz', nullable: true })
  leaseUntil!: Date | null;

  /** Twilio's MessageSid (SM…/MM…) once it accepted the part. */
  @Column({ name: 'provider_message_id', type: 'text', nullable: true })
  providerMessageId!: string | null;

  /** Twilio's status of this part: queued, sent, delivered, read, failed, undelivered. */
  @Column({ name: 'provider_status', type: 'text', nullable: true })
  providerStatus!: string | null;

  @Column({ name: 'error_code', type: 'text', nullable: true })
  errorCode!: string | null;

  @Column({ name: 'error_message', type: 'text', nullable: true })
  errorMessage!: string | null;

  @Column({ type: 'integer', nullable: true })
  segments!: number | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
