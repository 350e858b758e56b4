import { Inject, Injectable, Logger } from '@nestjs/common';
import type { EventOf } from '@pegamento/contracts';
import { EventConsumer, type EventHandlerDefinition, type HandlerContext } from '@pegamento/data-access-bus';
import { MessageEntity, type MessageAttachment } from '@pegamento/data-access-conversations';
import { TwilioMediaProbe } from '@pegamento/gateway-messaging-data-access-twilio';
import { TWILIO_SETTINGS, type TwilioSettings } from '../twilio-messaging.config';

/**
 * Fills in the size of a photo or file a customer sent by SMS or WhatsApp, which Twilio's
 * webhook does not carry: after the webhook's quick 200, each media URL is asked for its
 * size (TwilioMediaProbe, within TWILIO_MEDIA_PROBE_TIMEOUT_MS, all of a message's media at
 * once) and the message's attachments are updated, so agents see type and size. A size
 * Twilio does not tell stays null (logged, not retried): the attachment itself is already
 * recorded. A message erased meanwhile is left alone.
 */
@Injectable()
@EventConsumer()
export class RecordMediaSizeConsumer implements EventHandlerDefinition<'conversation.inbound'> {
  readonly group = 'gateway-messaging-media';
  readonly types = ['conversation.inbound'] as const;
  private readonly logger = new Logger(RecordMediaSizeConsumer.name);
  private readonly probe: TwilioMediaProbe | null;

  constructor(@Inject(TWILIO_SETTINGS) settings: TwilioSettings) {
    this.probe = settings.enabled
      ? new TwilioMediaProbe({ accountSid: settings.accountSid, authToken: settings.authToken, baseUrl: settings.apiBaseUrl, timeoutMs: settings.mediaProbeTimeoutMs })
      : null;
  }

  async handle(event: EventOf<'conversation.inbound'>, { manager }: HandlerContext): Promise<void> {
    const { channel, attachments, messageId } = event.payload;
    if (!this.probe || (channel !== 'sms' && channel !== 'whatsapp')) return;
    const urls = [...new Set(attachments.filter((a) => a.url && a.sizeBytes === null).map((a) => a.url!))];
    if (urls.length === 0) return;
    // Asked before any row is locked: a slow Twilio holds no lock.
    const sizes = new Map<string, number>();
    await Promise.all(
      urls.map(async (url) => {
        const outcome = await this.probe!.sizeOf(url);
        if (outcome.kind === 'size') sizes.set(url, outcome.bytes);
        else if (outcome.kind === 'failed') this.logger.warn({ messageId, reason: outcome.reason }, 'Twilio did not tell the size of a media file');
      }),
    );
    if (sizes.size === 0) return;
    const messages = manager.getRepository(MessageEntity);
    const message = await messages.findOne({ where: { id: messageId }, lock: { mode: 'pessimistic_write' } });
    if (!message) return;
    const updated: MessageAttachment[] = message.attachments.map((a) => (a.url && a.sizeBytes === null && sizes.has(a.url) ? { ...a, sizeBytes: sizes.get(a.url)! } : a));
    await messages.update({ id: message.id }, { attachments: updated });
  }
}
