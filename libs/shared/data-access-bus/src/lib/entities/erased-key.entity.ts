import { CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/**
 * Message keys (conversation ids) whose data was erased (retention, a data-subject
 * request). An event still in flight for such a key is recorded as handled and skipped,
 * so no handler writes the person's data back and nothing lands in the dead letters.
 * Holds ids only.
 */
@Entity({ name: 'erased_keys' })
export class ErasedKeyEntity {
  @PrimaryColumn({ name: 'message_key', type: 'text' })
  messageKey!: string;

  @CreateDateColumn({ name: 'erased_at', type: 'timestamptz' })
  erasedAt!: Date;
}
