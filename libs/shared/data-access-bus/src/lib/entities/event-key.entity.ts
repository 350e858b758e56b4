import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * The key that seals the payloads of one message key's events (a conversation's) on the
 * bus: 32 random bytes, stored encrypted under DATA_ENCRYPTION_KEYS (`enc:v1:…`, ADR 0015).
 * Deleting the row (erasure, retention) makes every copy of those events unreadable,
 * wherever it lies: Kafka's log, its replicas, a backup (crypto-shredding, ADR 0018).
 */
@Entity({ name: 'event_keys' })
@Index('ux_event_keys_message_key', ['messageKey'], { unique: true })
export class EventKeyEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id!: string;

  @Column({ name: 'message_key', type: 'text' })
  messageKey!: string;

  @Column({ name: 'wrapped_key', type: 'text' })
  wrappedKey!: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
