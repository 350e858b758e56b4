import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';

/** A mail the relay accepted, parsed. */
export interface RelayedMail {
  envelopeFrom: string | null;
  envelopeTo: string[];
  raw: string;
  parsed: ParsedMail;
  /** A header's raw value (unfolded), by lower-case name. */
  header(name: string): string | undefined;
}

/** One try to deliver a mail: to whom, when, and the reply code the relay gave. */
export interface RelayAttempt {
  to: string[];
  at: Date;
  responseCode: number;
}

/**
 * The far side of SMTP_OUTBOUND_URL in tests: a local SMTP server (smtp-server) that
 * accepts every mail and keeps it, or answers with the failures it was told to, per
 * recipient (`failFor(address, 451, 2)`: the next two mails to it get 451; `failFor(address,
 * 550)`: every mail to it, until cleared with null).
 */
export class FakeSmtpRelay {
  readonly mails: RelayedMail[] = [];
  private readonly failures = new Map<string, { code: number; times: number }>();
  private waiters: (() => void)[] = [];
  readonly attempts: RelayAttempt[] = [];

  private constructor(
    private readonly server: SMTPServer,
    readonly port: number,
  ) {}

  static async start(): Promise<FakeSmtpRelay> {
    const ref: { relay?: FakeSmtpRelay } = {};
    const server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      logger: false,
      onAuth: (_auth, _session, callback) => callback(null, { user: 'relay-user' }),
      onData: (stream, session, callback) => {
        const chunks: Buffer[] = [];
        stream.on('data', (c: Buffer) => chunks.push(c));
        stream.on('end', () => {
          const to = session.envelope.rcptTo.map((r) => r.address.toLowerCase());
          const key = to.find((a) => ref.relay!.failures.has(a));
          const failure = key ? ref.relay!.failures.get(key)! : null;
          ref.relay!.attempts.push({ to, at: new Date(), responseCode: failure ? failure.code : 250 });
          if (failure && key) {
            failure.times -= 1;
            if (failure.times <= 0) ref.relay!.failures.delete(key);
            return callback(Object.assign(new Error(`the relay says no (${failure.code})`), { responseCode: failure.code }));
          }
          const raw = Buffer.concat(chunks).toString('utf8');
          void simpleParser(raw).then((parsed) => {
            const head = raw.split(/\r?\n\r?\n/)[0]!.replace(/\r?\n[ \t]+/g, ' ');
            ref.relay!.mails.push({
              envelopeFrom: session.envelope.mailFrom ? session.envelope.mailFrom.address : null,
              envelopeTo: session.envelope.rcptTo.map((r) => r.address),
              raw,
              parsed,
              header: (name) => {
                const line = head.split(/\r?\n/).find((l) => l.toLowerCase().startsWith(`${name.toLowerCase()}:`));
                return line?.slice(line.indexOf(':') + 1).trim();
              },
            });
            callback();
            for (const wake of ref.relay!.waiters.splice(0)) wake();
          });
        });
      },
    });
    const port = await new Promise<number>((resolve) =>
      server.listen(0, '127.0.0.1', () => {
        const address = server.server.address();
        resolve(typeof address === 'object' && address ? address.port : 0);
      }),
    );
    ref.relay = new FakeSmtpRelay(server, port);
    return ref.relay;
  }

  get url(): string {
    return `smtp://127.0.0.1:${this.port}`;
  }

  /** The next `times` mails to this address get this reply code (4xx: temporary, 5xx: permanent); null clears. */
  failFor(address: string, code: number | null, times = Number.POSITIVE_INFINITY): void {
    if (code === null) this.failures.delete(address.toLowerCase());
    else this.failures.set(address.toLowerCase(), { code, times });
  }

  /** Every try to deliver to this address, accepted or not. */
  attemptsTo(address: string): RelayAttempt[] {
    return this.attempts.filter((a) => a.to.includes(address.toLowerCase()));
  }

  to(address: string): RelayedMail[] {
    return this.mails.filter((m) => m.envelopeTo.some((a) => a.toLowerCase() === address.toLowerCase()));
  }

  /** Waits until `count` mails reached this address. */
  async waitFor(address: string, count: number, timeoutMs = 10_000): Promise<RelayedMail[]> {
    const deadline = Date.now() + timeoutMs;
    while (this.to(address).length < count) {
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`expected ${count} mails to ${address}, got ${this.to(address).length}`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, Math.min(left, 200));
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
    return this.to(address);
  }

  stop(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}
