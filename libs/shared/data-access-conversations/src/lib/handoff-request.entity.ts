import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { Channel, HandoffTrigger } from '@pegamento/contracts';
import { encryptedText } from './encryption/encrypted-columns';

/**
 * One request for a person and how it was answered: the ticket an agent claims, and
 * the evidence of R07/R12 (asked when, why, answered by a person when).
 */
@Entity({ name: 'handoff_requests' })
@Index('ix_handoff_requests_conversation', ['conversationId', 'requestedAt'])
@Index('ix_handoff_requests_tenant_time', ['tenantId', 'requestedAt'])
export class HandoffRequestEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'tenant_id', type: 'text' })
  tenantId!: string;

  @Column({ name: 'conversation_id', type: 'uuid' })
  conversationId!: string;

  @Column({ type: 'text' })
  channel!: Channel;

  @Column({ type: 'text' })
  trigger!: HandoffTrigger;

  /** Machine-readable reason (rule id, topic); never customer text. */
  @Column({ type: 'text', nullable: true })
  reason!: string | null;

  /** For the agent: the last messages and the trigger (a model-written one later). Encrypted (ADR 0015). */
  @Column({ type: 'text', nullable: true, transformer: encryptedText('handoff_requests.summary') })
  summary!: string | null;

  /** Asked outside opening hours: the customer was told when a person answers. */
  @Column({ name: 'outside_hours', type: 'boolean', default: false })
  outsideHours!: boolean;

  @Column({ name: 'requested_at', type: 'timestamptz' })
  requestedAt!: Date;

  @Column({ name: 'claimed_at', type: 'timestamptz', nullable: true })
  claimedAt!: Date | null;

  @Column({ name: 'agent_id', type: 'uuid', nullable: true })
  agentId!: string | null;

  /** A person's first message after the request: the end of "time to a person". */
  @Column({ name: 'first_human_reply_at', type: 'timestamptz', nullable: true })
  firstHumanReplyAt!: Date | null;
}
