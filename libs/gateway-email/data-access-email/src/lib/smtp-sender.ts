import nodemailer, { type Transporter } from 'nodemailer';
import { isTemporarySmtpFailure, smtpFailureCode } from '@pegamento/gateway-email-domain';

export interface OutboundMail {
  from: { name: string; address: string };
  to: string;
  subject: string;
  text: string;
  /** Without brackets. */
  messageId: string;
  inReplyTo: string | null;
  references: string[];
  /** Extra headers (Auto-Submitted). */
  headers: Record<string, string>;
}

export type SmtpSendOutcome =
  | { kind: 'accepted'; response: string }
  | { kind: 'failed'; retryable: boolean; code: string; message: string };

export interface SmtpSenderOptions {
  /** `smtp://user:pass@host:port` or `smtps://…`. */
  url: string;
  timeoutMs: number;
}

/** Sends mail to the relay of SMTP_OUTBOUND_URL with nodemailer; never throws, says whether a failure may pass. */
export class SmtpSender {
  private readonly transport: Transporter;

  constructor(options: SmtpSenderOptions) {
    const url = new URL(options.url);
    this.transport = nodemailer.createTransport({
      host: url.hostname,
      port: url.port ? Number(url.port) : url.protocol === 'smtps:' ? 465 : 587,
      secure: url.protocol === 'smtps:',
      ...(url.username ? { auth: { user: decodeURIComponent(url.username), pass: decodeURIComponent(url.password) } } : {}),
      connectionTimeout: options.timeoutMs,
      greetingTimeout: options.timeoutMs,
      socketTimeout: options.timeoutMs,
      // A relay on localhost in tests and a private relay often have no certificate for their name.
      tls: { rejectUnauthorized: url.searchParams.get('tls') !== 'insecure' },
    });
  }

  async send(mail: OutboundMail): Promise<SmtpSendOutcome> {
    try {
      const info = (await this.transport.sendMail({
        from: { name: mail.from.name, address: mail.from.address },
        to: mail.to,
        subject: mail.subject,
        text: mail.text,
        messageId: `<${mail.messageId}>`,
        ...(mail.inReplyTo ? { inReplyTo: `<${mail.inReplyTo}>` } : {}),
        ...(mail.references.length > 0 ? { references: mail.references.map((r) => `<${r}>`) } : {}),
        headers: mail.headers,
        // The envelope sender is the support address; bounces come back there.
        envelope: { from: mail.from.address, to: [mail.to] },
      })) as { response?: string };
      return { kind: 'accepted', response: String(info.response ?? '') };
    } catch (error) {
      const e = error as { responseCode?: number; code?: string; response?: string; message?: string };
      const failure = { responseCode: typeof e.responseCode === 'number' ? e.responseCode : null, code: e.code ?? null };
      return {
        kind: 'failed',
        retryable: isTemporarySmtpFailure(failure),
        code: smtpFailureCode(failure),
        message: (e.response ?? e.message ?? 'unknown SMTP error').slice(0, 500),
      };
    }
  }

  close(): void {
    this.transport.close();
  }
}
