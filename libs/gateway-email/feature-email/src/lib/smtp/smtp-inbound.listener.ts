import { Inject, Injectable, Logger, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import { SmtpListener, SmtpReply } from '@pegamento/gateway-email-data-access-email';
import { EMAIL_SETTINGS, type EmailSettings } from '../email-channel.config';
import { EmailException } from '../email-channel.exception';
import { ReceiveMailUseCase } from '../receive-mail/receive-mail.use-case';

/**
 * The inbound SMTP listener on SMTP_INBOUND_PORT (only when it and SUPPORT_EMAIL are set):
 * mail for the support address takes the same path as the webhook; other recipients get
 * 550, a mail above EMAIL_MAX_BYTES 552, an unparsable one 554. Closed on shutdown.
 */
@Injectable()
export class SmtpInboundListener implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(SmtpInboundListener.name);
  private listener: SmtpListener | null = null;
  /** The port listened on, once listening. */
  port: number | null = null;

  constructor(
    @Inject(EMAIL_SETTINGS) private readonly settings: EmailSettings,
    private readonly receive: ReceiveMailUseCase,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (this.settings.inboundPort === null) return;
    this.listener = new SmtpListener({
      port: this.settings.inboundPort,
      maxBytes: this.settings.maxBytes,
      acceptRecipient: (address) => address === this.settings.supportAddress,
      onMessage: async (raw, envelope) => {
        try {
          await this.receive.execute(raw, { via: 'smtp', envelopeSender: envelope.mailFrom });
        } catch (error) {
          if (error instanceof EmailException) throw new SmtpReply(554, `5.6.0 ${error.message}`);
          this.logger.error({ err: error }, 'inbound mail could not be stored');
          throw error;
        }
      },
    });
    this.port = await this.listener.listen();
    this.logger.log({ port: this.port }, 'inbound SMTP listening');
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.listener?.close();
    this.listener = null;
  }
}
