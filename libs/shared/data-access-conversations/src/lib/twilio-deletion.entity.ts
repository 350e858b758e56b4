import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * A Twilio message (SMS/WhatsApp, inbound or an outbound part) that must go from Twilio
 * (R20: an erasure reaches Twilio's copies through its API). The privacy erasure and the
 * retention job fill it, in their transaction, from the erased conversations' inbound
 * MessageSids (`messages.channel_message_id`) and the SIDs Twilio gave the outbound parts
 * (`message_deliveries.provider_message_id`); gateway-messaging deletes each through the
 * Messages API (`DELETE /Messages/{Sid}`, which also deletes the message's media) and then
 * the row. Holds only Twilio's MessageSid: nothing that names the person or the conversation.
 */
@Entity({ name: 'twilio_deletions' })
@Index('ix_twilio_deletions_due', ['state', 'nextAttemptAt'])
@Index('ux_twilio_deletions_sid', ['messageSid'], { unique: true })
export class TwilioDeletionEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'tenant_id', type: 'text' })
  tenantId!: string;

  /** Twilio's MessageSid (SM…/MM…). */
  @Column({ name: 'message_sid', type: 'text' })
  messageSid!: string;

  /** `pending` until deleted (the row goes), `failed` when Twilio refused for good or the tries ran out. */
  @Column({ type: 'text', default: 'pending' })
  state!: 'pending' | 'failed';

  @Column({ type: 'integer', default: 0 })
  attempts!: number;

  @Column({ name: 'next_attempt_at', type: 'timestamptz', default: () => 'now()' })
  nextAttemptAt!: Date;

  /** Twilio's error code of the last failed try (`20009`, `http_503`, `network_error`): never a text. */
  @Column({ name: 'last_error', type: 'text', nullable: true })
  lastError!: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
