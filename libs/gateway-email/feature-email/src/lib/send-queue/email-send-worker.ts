import { Inject, Injectable, Logger, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { MessageDeliveryEntity, SendQueueLoop, claimDueDeliveries, type ClaimedDelivery } from '@pegamento/data-access-conversations';
import { SmtpSender, type SmtpSendOutcome } from '@pegamento/gateway-email-data-access-email';
import { nextRetryDelayMs } from '@pegamento/util-http';
import { EMAIL_SETTINGS, type EmailSettings } from '../email-channel.config';
import { recordMailDelivery } from './mail-delivery';

/**
 * Sends the queued mails (channel `email` of the shared send queue, ADR 0012) to the
 * relay of SMTP_OUTBOUND_URL with nodemailer. A temporary failure (4xx reply, no
 * connection) is tried again with exponential back-off (EMAIL_SEND_*), without holding
 * up other conversations or the bus; a permanent one (5xx), or the last try, is stored
 * on the message with the relay's answer, for agents to see.
 */
@Injectable()
export class EmailSendWorker implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(EmailSendWorker.name);
  private readonly sender: SmtpSender | null;
  private readonly loop: SendQueueLoop;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(EMAIL_SETTINGS) private readonly settings: EmailSettings,
  ) {
    this.sender = settings.outboundUrl ? new SmtpSender({ url: settings.outboundUrl, timeoutMs: settings.send.timeoutMs }) : null;
    this.loop = new SendQueueLoop(() => this.tick(), settings.send.pollIntervalMs, (error) => this.logger.error({ err: error }, 'e-mail send queue tick failed'));
  }

  onApplicationBootstrap(): void {
    if (this.sender) this.loop.start();
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.loop.stop();
    this.sender?.close();
  }

  nudge(): void {
    this.loop.nudge();
  }

  /** Sends what is due now; returns how many mails it tried. */
  async tick(): Promise<number> {
    if (!this.sender) return 0;
    const claimed = await claimDueDeliveries(this.dataSource, { channels: ['email'], limit: this.settings.send.concurrency, leaseMs: this.settings.send.leaseMs });
    await Promise.all(claimed.map((row) => this.sendOne(row)));
    return claimed.length;
  }

  private async sendOne(row: ClaimedDelivery): Promise<void> {
    const p = row.content_variables ?? {};
    const outcome = await this.sender!.send({
      from: { name: p['fromName'] ?? '', address: row.from_address },
      to: row.to_address,
      subject: p['subject'] ?? '',
      text: row.body ?? '',
      messageId: p['messageId'] ?? '',
      inReplyTo: p['inReplyTo'] || null,
      references: (p['references'] ?? '').split(' ').filter(Boolean),
      headers: p['autoSubmitted'] ? { 'Auto-Submitted': p['autoSubmitted'], 'X-Auto-Response-Suppress': 'All' } : {},
    });
    try {
      await this.record(row, p['messageId'] ?? '', outcome);
    } catch (error) {
      // The lease runs out and the mail is tried again: at least once, never lost.
      this.logger.error({ err: error, deliveryId: row.id }, 'could not record a send result');
    }
  }

  private async record(row: ClaimedDelivery, headerMessageId: string, outcome: SmtpSendOutcome): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const deliveries = manager.getRepository(MessageDeliveryEntity);
      const message = { id: row.message_id, tenantId: '', conversationId: row.conversation_id };
      const stored = await deliveries.findOne({ where: { id: row.id }, select: { id: true, tenantId: true } });
      if (!stored) return; // erased meanwhile
      message.tenantId = stored.tenantId;
      if (outcome.kind === 'accepted') {
        await deliveries.update(
          { id: row.id },
          { state: 'sent', providerMessageId: headerMessageId, providerStatus: 'sent', body: null, contentVariables: null, leaseUntil: null, errorCode: null, errorMessage: null },
        );
        await recordMailDelivery(manager, message, { status: 'sent', headerMessageId });
        return;
      }
      const delay = outcome.retryable
        ? nextRetryDelayMs(row.attempts, { maxAttempts: this.settings.send.maxAttempts, baseDelayMs: this.settings.send.retryBaseMs, maxDelayMs: this.settings.send.retryMaxMs }, null)
        : null;
      if (delay !== null) {
        await deliveries.update({ id: row.id }, { state: 'pending', nextAttemptAt: new Date(Date.now() + delay), leaseUntil: null, errorCode: outcome.code, errorMessage: outcome.message });
        this.logger.warn({ deliveryId: row.id, attempt: row.attempts, code: outcome.code, retryInMs: delay }, 'e-mail send failed; will retry');
        return;
      }
      const explained = outcome.retryable
        ? `The mail server did not take the e-mail (${outcome.message}). Gave up after ${row.attempts} tries.`
        : `The mail server refused the e-mail: ${outcome.message}`;
      await deliveries.update(
        { id: row.id },
        { state: 'failed', providerStatus: 'failed', body: null, contentVariables: null, leaseUntil: null, errorCode: outcome.code, errorMessage: explained },
      );
      await recordMailDelivery(manager, message, { status: 'failed', headerMessageId, code: outcome.code, message: explained });
      this.logger.warn({ deliveryId: row.id, code: outcome.code }, 'e-mail send failed for good');
    });
  }
}
