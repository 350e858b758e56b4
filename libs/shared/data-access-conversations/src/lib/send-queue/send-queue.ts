import type { DataSource } from 'typeorm';
import type { Channel } from '@pegamento/contracts';
import { decryptStored, decryptStoredJson } from '../encryption/encrypted-columns';

/** A part of an outbound message, claimed from the send queue (`message_deliveries`), decrypted. */
export interface ClaimedDelivery {
  id: string;
  message_id: string;
  conversation_id: string;
  to_address: string;
  from_address: string;
  body: string | null;
  content_sid: string | null;
  /** The channel's own send parameters (a WhatsApp template's values; an e-mail's subject and threading headers). */
  content_variables: Record<string, string> | null;
  /** This try's number (1 for the first). */
  attempts: number;
}

export interface ClaimOptions {
  /** Only parts of these channels: each channel gateway sends its own. */
  channels: readonly Channel[];
  /** At most this many parts. */
  limit: number;
  /** How long a claimed part may stay `sending` before another worker may try it (a crashed one). */
  leaseMs: number;
}

/**
 * The durable send queue every channel gateway shares (ADR 0012): claims the parts that
 * are due, a few conversations at a time and each conversation strictly in order (a part
 * waits while an earlier one of its conversation is pending), for the given channels
 * only. Replicas share the queue (SKIP LOCKED, with a lease for a worker that died
 * mid-send). The address, the text and the channel's parameters are decrypted (ADR 0015).
 */
export async function claimDueDeliveries(dataSource: DataSource, options: ClaimOptions): Promise<ClaimedDelivery[]> {
  const [rows] = (await dataSource.query(
    `UPDATE message_deliveries SET state = 'sending', attempts = attempts + 1,
            lease_until = now() + ($2::bigint * interval '1 millisecond'), updated_at = now()
      WHERE id IN (
        SELECT d.id FROM message_deliveries d
         WHERE d.channel = ANY($3::text[])
           AND ((d.state = 'pending' AND d.next_attempt_at <= now()) OR (d.state = 'sending' AND d.lease_until < now()))
           AND NOT EXISTS (
             SELECT 1 FROM message_deliveries e
              WHERE e.conversation_id = d.conversation_id AND e.seq < d.seq AND e.state IN ('pending', 'sending'))
         ORDER BY d.seq
         LIMIT $1
         FOR UPDATE SKIP LOCKED)
      RETURNING id, message_id, conversation_id, to_address, from_address, body, content_sid, content_variables, attempts`,
    [options.limit, options.leaseMs, [...options.channels]],
  )) as [ClaimedDelivery[], number];
  return rows.map((row) => ({
    ...row,
    to_address: decryptStored('message_deliveries.to_address', row.to_address) ?? '',
    body: decryptStored('message_deliveries.body', row.body),
    content_variables: decryptStoredJson<Record<string, string>>('message_deliveries.content_variables', row.content_variables),
  }));
}

/**
 * The loop of a send-queue worker: runs `tick` until stopped; after a tick that did
 * nothing it waits `pollIntervalMs`, or less when `nudge()` says something was queued.
 */
export class SendQueueLoop {
  private running = false;
  private loop: Promise<void> | null = null;
  private wake: (() => void) | null = null;
  private nudged = false;

  constructor(
    private readonly tick: () => Promise<number>,
    private readonly pollIntervalMs: number,
    private readonly onError: (error: unknown) => void,
  ) {}

  start(): void {
    if (this.running) return;
    this.running = true;
    this.loop = this.run();
  }

  async stop(): Promise<void> {
    this.running = false;
    this.wake?.();
    await this.loop;
  }

  /** Look at the queue now rather than at the next poll. */
  nudge(): void {
    this.nudged = true;
    this.wake?.();
  }

  private async run(): Promise<void> {
    while (this.running) {
      this.nudged = false;
      let tried = 0;
      try {
        tried = await this.tick();
      } catch (error) {
        this.onError(error);
      }
      if (tried > 0 || this.nudged || !this.running) continue;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(done, this.pollIntervalMs);
        function done() {
          clearTimeout(timer);
          resolve();
        }
        this.wake = done;
      });
      this.wake = null;
    }
  }
}
