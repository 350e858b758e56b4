import { createHash } from 'node:crypto';
import { simpleParser, type AddressObject } from 'mailparser';
import { parseMessageIds, threadCandidates, type MailHeaders } from '@pegamento/gateway-email-domain';

/** An inbound mail as the e-mail channel uses it. */
export interface InboundMail {
  /** The Message-ID without brackets; for a mail without one, `sha256-of-the-raw-mail@pegamento.invalid` (a re-post is still one mail). */
  messageId: string;
  /** Message-IDs this mail replies to, most telling first (In-Reply-To, then References newest first). */
  threadIds: string[];
  from: { address: string; name: string | null };
  /** Every To/Cc address, lower-cased. */
  recipients: string[];
  subject: string | null;
  /** The text part, or the HTML part as text when there is no text part. */
  text: string;
  attachments: { contentType: string; sizeBytes: number; filename: string | null }[];
  /** Header names in lower case → unfolded values, for the loop rules. */
  headers: MailHeaders;
}

export class UnparsableMailError extends Error {
  override readonly name = 'UnparsableMailError';
}

/** Parses a raw RFC 5322 message with mailparser; a message without a usable From is refused. */
export async function parseInboundMail(input: Buffer): Promise<InboundMail> {
  // An mbox export starts with a "From sender date" line, not part of the message.
  const raw = input.subarray(0, 5).toString('latin1') === 'From ' ? input.subarray(input.indexOf(0x0a) + 1) : input;
  if (raw.length === 0) throw new UnparsableMailError('The message is empty.');
  const head = raw.subarray(0, Math.min(raw.length, 65_536)).toString('latin1');
  // mailparser reads almost anything as a message: require a header block with a From.
  if (!/^[\x21-\x39\x3b-\x7e]+:/.test(head) || !/(^|\r?\n)from:/i.test(head.split(/\r?\n\r?\n/)[0] ?? '')) {
    throw new UnparsableMailError('The body is not an RFC 5322 message with a From header.');
  }
  let parsed;
  try {
    parsed = await simpleParser(raw, { skipImageLinks: true, skipTextToHtml: true, skipTextLinks: true });
  } catch (error) {
    throw new UnparsableMailError(`The message could not be parsed: ${(error as Error).message}`);
  }
  const sender = addresses(parsed.from)[0];
  if (!sender?.address || !/^[^@\s]+@[^@\s]+$/.test(sender.address)) throw new UnparsableMailError('The From header holds no e-mail address.');
  const headers = new Map<string, string>();
  for (const { key, line } of parsed.headerLines) {
    const value = line.slice(line.indexOf(':') + 1).replace(/\r?\n[ \t]+/g, ' ').trim();
    const name = key.toLowerCase();
    headers.set(name, headers.has(name) ? `${headers.get(name)}, ${value}` : value);
  }
  const ownId = parseMessageIds(parsed.messageId ?? null)[0] ?? `${createHash('sha256').update(raw).digest('hex')}@pegamento.invalid`;
  return {
    messageId: ownId,
    threadIds: threadCandidates(parsed.inReplyTo ?? null, parsed.references ?? null).filter((id) => id !== ownId),
    from: { address: sender.address.toLowerCase(), name: sender.name?.trim() || null },
    recipients: [...addresses(parsed.to), ...addresses(parsed.cc)].flatMap((a) => (a.address ? [a.address.toLowerCase()] : [])),
    subject: parsed.subject?.trim() || null,
    text: (parsed.text ?? '').trim(),
    attachments: parsed.attachments.map((a) => ({ contentType: a.contentType || 'application/octet-stream', sizeBytes: a.size, filename: a.filename?.slice(0, 255) ?? null })),
    headers,
  };
}

function addresses(value: AddressObject | AddressObject[] | undefined): { address?: string; name: string }[] {
  if (!value) return [];
  return (Array.isArray(value) ? value : [value]).flatMap((v) => v.value.flatMap((a) => (a.group ? a.group : [a])));
}
