import { Column, CreateDateColumn, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * An e-mail address or phone number a customer wrote in a message, as a keyed blind index
 * only (ADR 0015): message texts are encrypted, so "the conversations in which this person
 * wrote their e-mail address" (an erasure or export, R20) is answered here instead of by
 * searching the texts. Written with the message; erased with its conversation.
 */
@Entity({ name: 'message_identifiers' })
@Index('ix_message_identifiers_lookup', ['tenantId', 'kind', 'bidx'])
@Index('ix_message_identifiers_conversation', ['conversationId'])
export class MessageIdentifierEntity {
  @PrimaryColumn({ name: 'message_id', type: 'uuid' })
  messageId!: string;

  @PrimaryColumn({ type: 'text' })
  kind!: 'email' | 'phone';

  @PrimaryColumn({ type: 'text' })
  bidx!: string;

  @Column({ name: 'tenant_id', type: 'text' })
  tenantId!: string;

  @Column({ name: 'conversation_id', type: 'uuid' })
  conversationId!: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
