import { SMTPServer, type SMTPServerAddress, type SMTPServerSession } from 'smtp-server';

export interface SmtpListenerOptions {
  port: number;
  host?: string;
  /** Largest message (SIZE extension); larger ones are refused with 552. */
  maxBytes: number;
  /** The recipients accepted (lower case); any other gets 550. */
  acceptRecipient: (address: string) => boolean;
  /** Called with each accepted message; a rejection answers 451 (try later), an `SmtpReply` its own code. */
  onMessage: (raw: Buffer, envelope: { mailFrom: string | null }) => Promise<void>;
  serverName?: string;
}

/** An SMTP reply code and text for the client. */
export class SmtpReply extends Error {
  constructor(
    readonly responseCode: number,
    message: string,
  ) {
    super(message);
  }
}

/**
 * The inbound SMTP listener (smtp-server): no AUTH (it receives mail for the support
 * address, as an MX does), STARTTLS not offered (put it behind the organisation's MX or
 * a TLS-terminating relay), the SIZE limit announced and enforced.
 */
export class SmtpListener {
  private readonly server: SMTPServer;

  constructor(private readonly options: SmtpListenerOptions) {
    this.server = new SMTPServer({
      name: options.serverName ?? 'pegamento',
      banner: 'Pegamento inbound mail',
      size: options.maxBytes,
      authOptional: true,
      disabledCommands: ['AUTH', 'STARTTLS'],
      logger: false,
      onRcptTo: (address: SMTPServerAddress, _session: SMTPServerSession, callback: (err?: Error | null) => void) => {
        if (options.acceptRecipient(address.address.toLowerCase())) return callback();
        callback(new SmtpReply(550, '5.1.1 No such mailbox here'));
      },
      onData: (stream, session, callback) => {
        const chunks: Buffer[] = [];
        stream.on('data', (chunk: Buffer) => chunks.push(chunk));
        stream.on('error', (error) => callback(error));
        stream.on('end', () => {
          if (stream.sizeExceeded) return callback(new SmtpReply(552, '5.3.4 Message too big'));
          const mailFrom = session.envelope.mailFrom;
          this.options
            .onMessage(Buffer.concat(chunks), { mailFrom: mailFrom && mailFrom.address ? mailFrom.address : null })
            .then(() => callback())
            .catch((error: unknown) => callback(error instanceof SmtpReply ? error : new SmtpReply(451, '4.3.0 Temporary failure, please try again later')));
        });
      },
    });
    // Client errors (dropped connections) are the client's business.
    this.server.on('error', () => undefined);
  }

  listen(): Promise<number> {
    return new Promise((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(this.options.port, this.options.host, () => {
        const address = this.server.server.address();
        resolve(typeof address === 'object' && address ? address.port : this.options.port);
      });
    });
  }

  close(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}
