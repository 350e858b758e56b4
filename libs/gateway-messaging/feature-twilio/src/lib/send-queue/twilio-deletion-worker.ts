import { Inject, Injectable, Logger, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { SendQueueLoop, TwilioDeletionEntity } from '@pegamento/data-access-conversations';
import type { TwilioSender } from '@pegamento/gateway-messaging-data-access-twilio';
import { classifyDeleteFailure, nextRetryDelayMs } from '@pegamento/gateway-messaging-domain';
import { TWILIO_SETTINGS, type TwilioSettings } from '../twilio-messaging.config';
import { twilioSenderFor } from './twilio-client';

interface ClaimedDeletion {
  id: string;
  message_sid: string;
  attempts: number;
}

/**
 * Deletes from Twilio what an erasure or the retention job queued (twilio_deletions, R20):
 * each message by its SID through the SDK (`client.messages(sid).remove()`, which deletes
 * its media too), then the row. A 404 means already gone: done. Twilio's 20009 (the message
 * is still being processed), a 429, a 5xx or no answer is tried again after Retry-After or
 * back-off from TWILIO_DELETE_RETRY_BASE_MS, capped at TWILIO_DELETE_RETRY_MAX_MS, for at
 * most TWILIO_DELETE_MAX_ATTEMPTS tries; then, or on any other error, the row is marked
 * failed and logged (by its row id only) for someone to delete by hand. With Twilio off
 * (no credentials) the rows wait. Replicas share the queue (SKIP LOCKED; a claimed row is
 * pushed back while it is tried, so a worker that died leaves it due again).
 */
@Injectable()
export class TwilioDeletionWorker implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(TwilioDeletionWorker.name);
  private readonly sender: TwilioSender | null;
  private readonly loop: SendQueueLoop;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(TWILIO_SETTINGS) private readonly settings: TwilioSettings,
  ) {
    this.sender = twilioSenderFor(settings);
    this.loop = new SendQueueLoop(() => this.tick(), settings.send.pollIntervalMs, (error) => this.logger.error({ err: error }, 'Twilio deletion queue tick failed'));
  }

  onApplicationBootstrap(): void {
    if (this.sender) this.loop.start();
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.loop.stop();
  }

  /** Deletes what is due now; returns how many it tried. */
  async tick(): Promise<number> {
    if (!this.sender) return 0;
    const claimed = await this.claim();
    await Promise.all(claimed.map((row) => this.deleteOne(row)));
    return claimed.length;
  }

  /** Due deletions, oldest first, each leased (pushed back) while it is tried. */
  private async claim(): Promise<ClaimedDeletion[]> {
    const [rows] = (await this.dataSource.query(
      `UPDATE twilio_deletions SET attempts = attempts + 1, next_attempt_at = now() + ($1::bigint * interval '1 millisecond')
        WHERE id IN (
          SELECT id FROM twilio_deletions WHERE state = 'pending' AND next_attempt_at <= now()
           ORDER BY next_attempt_at, created_at LIMIT $2 FOR UPDATE SKIP LOCKED)
        RETURNING id, message_sid, attempts`,
      [this.settings.send.leaseMs, this.settings.send.concurrency],
    )) as [ClaimedDeletion[], number];
    return rows;
  }

  private async deleteOne(row: ClaimedDeletion): Promise<void> {
    const deletions = this.dataSource.getRepository(TwilioDeletionEntity);
    try {
      const outcome = await this.sender!.delete(row.message_sid);
      const next = outcome.kind === 'deleted' ? 'gone' : classifyDeleteFailure(outcome);
      if (outcome.kind === 'deleted' || next === 'gone') {
        await deletions.delete({ id: row.id });
        return;
      }
      const code = outcome.code ?? (outcome.httpStatus !== null ? `http_${outcome.httpStatus}` : 'network_error');
      const { maxAttempts, retryBaseMs, retryMaxMs } = this.settings.delete;
      const delay = next === 'retry' ? nextRetryDelayMs(row.attempts, { maxAttempts, baseDelayMs: retryBaseMs, maxDelayMs: retryMaxMs }, outcome.retryAfterMs) : null;
      if (delay !== null) {
        await deletions.update({ id: row.id }, { nextAttemptAt: new Date(Date.now() + delay), lastError: code });
        this.logger.warn({ deletionId: row.id, attempt: row.attempts, httpStatus: outcome.httpStatus, code, retryInMs: delay }, 'Twilio message delete failed; will retry');
      } else {
        await deletions.update({ id: row.id }, { state: 'failed', lastError: code });
        this.logger.error(
          { deletionId: row.id, attempt: row.attempts, httpStatus: outcome.httpStatus, code },
          'Twilio message delete failed for good: delete it in Twilio by hand (the SID is in twilio_deletions)',
        );
      }
    } catch (error) {
      // The row stays due after its lease: at least once, never lost.
      this.logger.error({ err: error, deletionId: row.id }, 'could not record a Twilio delete');
    }
  }
}
