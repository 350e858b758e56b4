import MailComposer from 'nodemailer/lib/mail-composer';
import { UnparsableMailError, parseInboundMail } from './mail-parser';

const compose = (options: ConstructorParameters<typeof MailComposer>[0]) => new MailComposer(options).compile().build();

describe('parsing inbound mail', () => {
  it('reads sender, recipients, subject, threading headers, text and attachments', async () => {
    const mail = await parseInboundMail(
      await compose({
        from: '"Jan Jansen" <Jan.Jansen@Example.test>',
        to: 'support@winkel.example',
        cc: 'collega@example.test',
        subject: 'Re: Levering',
        text: 'Waar blijft het?',
        messageId: '<new@example.test>',
        inReplyTo: '<ours@winkel.example>',
        references: ['<root@example.test>', '<ours@winkel.example>'],
        attachments: [{ filename: 'foto.jpg', content: Buffer.alloc(2_048, 7), contentType: 'image/jpeg' }],
        headers: { 'Auto-Submitted': 'no' },
      }),
    );
    expect(mail).toMatchObject({
      messageId: 'new@example.test',
      threadIds: ['ours@winkel.example', 'root@example.test'],
      from: { address: 'jan.jansen@example.test', name: 'Jan Jansen' },
      recipients: ['support@winkel.example', 'collega@example.test'],
      subject: 'Re: Levering',
      text: 'Waar blijft het?',
      attachments: [{ contentType: 'image/jpeg', sizeBytes: 2_048, filename: 'foto.jpg' }],
    });
    expect(mail.headers.get('auto-submitted')).toBe('no');
  });

  it('turns an HTML-only mail into text', async () => {
    const mail = await parseInboundMail(await compose({ from: 'jan@example.test', to: 'support@winkel.example', html: '<p>Hallo,</p><p>Mijn <b>pakket</b> is kapot.</p>' }));
    expect(mail.text).toMatch(/Hallo,\s+Mijn pakket is kapot\./);
  });

  it('gives a mail without Message-ID a stable id from its bytes', async () => {
    const raw = Buffer.from('From: jan@example.test\r\nTo: support@winkel.example\r\nSubject: x\r\n\r\nHallo\r\n');
    const a = await parseInboundMail(raw);
    const b = await parseInboundMail(Buffer.from(raw));
    expect(a.messageId).toMatch(/^[0-9a-f]{64}@pegamento\.invalid$/);
    expect(b.messageId).toBe(a.messageId);
  });

  it('skips the "From " line of an mbox export', async () => {
    const mail = await parseInboundMail(Buffer.from('From jan@example.test Sun Nov 29 10:00:00 2026\nFrom: jan@example.test\nSubject: x\n\nHallo\n'));
    expect(mail.from.address).toBe('jan@example.test');
  });

  it.each([
    ['an empty body', ''],
    ['plain text', 'this is not a mail at all'],
    ['JSON', '{"from":"jan@example.test"}'],
    ['a mail without From', 'To: support@winkel.example\r\nSubject: x\r\n\r\nHallo'],
    ['a From without an address', 'From: Jan\r\nSubject: x\r\n\r\nHallo'],
  ])('refuses %s', async (_name, raw) => {
    await expect(parseInboundMail(Buffer.from(raw))).rejects.toBeInstanceOf(UnparsableMailError);
  });
});
