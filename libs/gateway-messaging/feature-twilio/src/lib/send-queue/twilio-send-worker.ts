import { Inject, Injectable, Logger, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { MessageDeliveryEntity, SendQueueLoop, TwilioDeletionEntity, claimDueDeliveries, type ClaimedDelivery } from '@pegamento/data-access-conversations';
import type { TwilioSender, TwilioSendOutcome } from '@pegamento/gateway-messaging-data-access-twilio';
import {
  fromTwilioStatus,
  mergeDeliveryStatus,
  nextRetryDelayMs,
  twilioErrorMessage,
  type MessageDeliveryStatus,
} from '@pegamento/gateway-messaging-domain';
import { TWILIO_SETTINGS, type TwilioSettings } from '../twilio-messaging.config';
import { twilioSenderFor } from './twilio-client';
import { refreshMessageDelivery } from './message-delivery';

type ClaimedRow = ClaimedDelivery;

/**
 * The send queue's worker: sends due parts through Twilio's SDK, a few conversations
 * at a time and each conversation strictly in order (a part waits while an earlier
 * one of its conversation is pending). A 429, 5xx or no answer is tried again after
 * Retry-After or exponential back-off (TWILIO_SEND_*), without holding up other
 * conversations or the event bus; the last failure, or any other Twilio error, is
 * stored on the message. Replicas share the queue (SKIP LOCKED, with a lease for a
 * worker that died mid-send).
 */
@Injectable()
export class TwilioSendWorker implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(TwilioSendWorker.name);
  private readonly sender: TwilioSender | null;
  private readonly loop: SendQueueLoop;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(TWILIO_SETTINGS) private readonly settings: TwilioSettings,
  ) {
    this.sender = twilioSenderFor(settings);
    this.loop = new SendQueueLoop(() => this.tick(), settings.send.pollIntervalMs, (error) => this.logger.error({ err: error }, 'send queue tick failed'));
  }

  onApplicationBootstrap(): void {
    if (this.sender) this.loop.start();
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.loop.stop();
  }

  /** Look at the queue now rather than at the next poll. */
  nudge(): void {
    this.loop.nudge();
  }

  /** Sends what is due now; returns how many parts it tried. */
  async tick(): Promise<number> {
    if (!this.sender) return 0;
    const claimed = await this.claim();
    await Promise.all(claimed.map((row) => this.sendOne(row)));
    return claimed.length;
  }

  /** SMS and WhatsApp parts only: the queue is shared with the other channel gateways (e-mail). */
  private claim(): Promise<ClaimedRow[]> {
    return claimDueDeliveries(this.dataSource, { channels: ['sms', 'whatsapp'], limit: this.settings.send.concurrency, leaseMs: this.settings.send.leaseMs });
  }

  private async sendOne(row: ClaimedRow): Promise<void> {
    const outcome = await this.sender!.send({
      to: row.to_address,
      from: row.from_address,
      ...(row.content_sid ? { contentSid: row.content_sid, contentVariables: row.content_variables ?? {} } : { body: row.body ?? '' }),
      // The part's id in the callback URL: a callback that overtakes our record of the
      // MessageSid still finds its part.
      statusCallback: `${this.settings.statusCallbackUrl}?d=${row.id}`,
    });
    try {
      await this.record(row, outcome);
    } catch (error) {
      // The lease runs out and the part is tried again: at least once, never lost.
      this.logger.error({ err: error, deliveryId: row.id }, 'could not record a send result');
    }
  }

  private async record(row: ClaimedRow, outcome: TwilioSendOutcome): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const deliveries = manager.getRepository(MessageDeliveryEntity);
      if (outcome.kind === 'accepted') {
        const current = await deliveries.createQueryBuilder('d').setLock('pessimistic_write').where('d.id = :id', { id: row.id }).getOne();
        if (!current) {
          // Erased while Twilio was taking it: Twilio has it now, so it goes from Twilio too (R20).
          await manager.getRepository(TwilioDeletionEntity).createQueryBuilder().insert().values({ tenantId: this.settings.tenantId, messageSid: outcome.sid }).orIgnore().execute();
          return;
        }
        await deliveries.update(
          { id: row.id },
          {
            state: 'sent',
            providerMessageId: outcome.sid,
            // A status callback may have come first: keep whichever is further along.
            providerStatus: mergeDeliveryStatus(current?.providerStatus as MessageDeliveryStatus | null, fromTwilioStatus(outcome.status) ?? 'queued'),
            body: null,
            contentVariables: null,
            leaseUntil: null,
            ...(current?.providerStatus === 'failed' || current?.providerStatus === 'undelivered' ? {} : { errorCode: null, errorMessage: null }),
          },
        );
      } else {
        const delay = outcome.retryable
          ? nextRetryDelayMs(row.attempts, { maxAttempts: this.settings.send.maxAttempts, baseDelayMs: this.settings.send.retryBaseMs, maxDelayMs: this.settings.send.retryMaxMs }, outcome.retryAfterMs)
          : null;
        const code = outcome.code ?? (outcome.httpStatus !== null ? `http_${outcome.httpStatus}` : 'network_error');
        if (delay !== null) {
          await deliveries.update(
            { id: row.id },
            { state: 'pending', nextAttemptAt: new Date(Date.now() + delay), leaseUntil: null, errorCode: code, errorMessage: outcome.message },
          );
          this.logger.warn({ deliveryId: row.id, attempt: row.attempts, httpStatus: outcome.httpStatus, code, retryInMs: delay }, 'Twilio send failed; will retry');
          return;
        }
        const explained = twilioErrorMessage(outcome.code, outcome.message);
        const message = outcome.retryable ? `${explained} Gave up after ${row.attempts} tries.` : explained;
        await deliveries.update(
          { id: row.id },
          { state: 'failed', providerStatus: 'failed', body: null, contentVariables: null, leaseUntil: null, errorCode: code, errorMessage: message },
        );
        // The rest of a message whose part failed is not sent either.
        await manager.query(
          `UPDATE message_deliveries SET state = 'failed', provider_status = 'failed', body = NULL, content_variables = NULL,
                  error_code = 'previous_part_failed', error_message = 'An earlier part of this message was not sent.', updated_at = now()
            WHERE message_id = $1 AND state = 'pending'`,
          [row.message_id],
        );
        this.logger.warn({ deliveryId: row.id, httpStatus: outcome.httpStatus, code }, 'Twilio send failed for good');
      }
      await refreshMessageDelivery(manager, row.message_id);
    });
  }
}
