/**
 * RFC 3834 and common practice: which inbound mail must never get an automatic answer
 * (R33). Bounces (empty Return-Path), out-of-office and other auto-replies
 * (Auto-Submitted other than "no"), bulk mail (Precedence bulk/list/junk) and mailing-list
 * traffic (any List-* header, RFC 2369/2919). Answering them is how mail loops start.
 */
export type LoopReason = 'auto_submitted' | 'null_return_path' | 'precedence' | 'list_header';

/** Header names in lower case → their unfolded values (a repeated header: the values joined by ", "). */
export type MailHeaders = ReadonlyMap<string, string>;

export interface LoopCheckInput {
  headers: MailHeaders;
  /**
   * The SMTP envelope sender (MAIL FROM) when the mail came in by SMTP: `null` for the null
   * sender `<>` (a bounce), undefined when unknown (a webhook: the Return-Path header says).
   */
  envelopeSender?: string | null;
}

const BULK_PRECEDENCE = new Set(['bulk', 'list', 'junk']);

/** Why this mail must get no automatic reply, or null when an automatic reply is allowed. */
export function autoReplyBlock(input: LoopCheckInput): LoopReason | null {
  const { headers } = input;
  const autoSubmitted = headers.get('auto-submitted');
  if (autoSubmitted !== undefined && firstToken(autoSubmitted) !== 'no') return 'auto_submitted';
  const returnPath = headers.get('return-path');
  if (input.envelopeSender === null || (returnPath !== undefined && isNullPath(returnPath))) return 'null_return_path';
  const precedence = headers.get('precedence');
  if (precedence !== undefined && BULK_PRECEDENCE.has(firstToken(precedence))) return 'precedence';
  for (const name of headers.keys()) if (name.startsWith('list-')) return 'list_header';
  return null;
}

/** `auto-replied; owner-email="x"` → `auto-replied`; comments and case ignored. */
function firstToken(value: string): string {
  return value
    .replace(/\([^)]*\)/g, ' ')
    .trim()
    .split(/[\s;,]+/)[0]!
    .toLowerCase();
}

/** `<>` (with spaces or a comment), or an empty value: the null reverse-path of a bounce. */
function isNullPath(value: string): boolean {
  const v = value.replace(/\([^)]*\)/g, '').replace(/\s+/g, '');
  return v === '<>' || v === '';
}

/** Whether the sender, with `recentFromSender` earlier mails in the window, is still within the limit of automatic replies. */
export function withinSenderLimit(recentFromSender: number, limit: number): boolean {
  return recentFromSender < limit;
}
