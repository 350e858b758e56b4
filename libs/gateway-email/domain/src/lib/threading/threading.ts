/**
 * Threading of e-mail (RFC 5322 §3.6.4): Message-ID, In-Reply-To and References hold
 * msg-ids `<left@right>`. We keep them without the angle brackets, as found.
 */

/** Longest Message-ID we keep (RFC 5322 lines are at most 998 characters). */
export const MAX_MESSAGE_ID_LENGTH = 998;

/** The msg-ids in a header value, in order, without brackets; junk between them is ignored. */
export function parseMessageIds(value: string | readonly string[] | null | undefined): string[] {
  if (value === null || value === undefined) return [];
  const text = Array.isArray(value) ? value.join(' ') : (value as string);
  const ids: string[] = [];
  for (const match of text.matchAll(/<([^<>\s]+)>/g)) {
    const id = match[1]!;
    if (id.length <= MAX_MESSAGE_ID_LENGTH && !ids.includes(id)) ids.push(id);
  }
  // A bare id without brackets (some providers strip them).
  if (ids.length === 0) {
    for (const bare of text.split(/[\s,]+/)) {
      if (/^[^<>\s@]+@[^<>\s@]+$/.test(bare) && bare.length <= MAX_MESSAGE_ID_LENGTH && !ids.includes(bare)) ids.push(bare);
    }
  }
  return ids;
}

/**
 * The Message-IDs a reply names, most telling first: In-Reply-To, then References from
 * the newest to the oldest (a client that mangles one still leaves the others).
 */
export function threadCandidates(inReplyTo: string | readonly string[] | null | undefined, references: string | readonly string[] | null | undefined): string[] {
  const out = parseMessageIds(inReplyTo);
  for (const id of parseMessageIds(references).reverse()) if (!out.includes(id)) out.push(id);
  return out;
}

/** "Re: " + the thread's subject, without stacking (Re:, RE:, AW:, Antw:, SV:, Fwd: are taken off first). */
export function replySubject(subject: string | null | undefined, fallback: string): string {
  let base = (subject ?? '').replace(/[\r\n]+/g, ' ').trim();
  for (;;) {
    const stripped = base.replace(/^(re|aw|antw|sv|vs|wg|fw|fwd)\s*(\[\d+\])?\s*:\s*/i, '');
    if (stripped === base) break;
    base = stripped;
  }
  return `Re: ${base.length > 0 ? base : fallback}`.slice(0, 250);
}

/**
 * The References of a reply: the thread's root, then the newest ids, ending with the one
 * replied to (RFC 5322: parent's References + parent's Message-ID), at most `max` ids.
 */
export function referencesFor(threadIds: readonly string[], inReplyTo: string | null, max = 20): string[] {
  const chain = threadIds.filter((id, i) => threadIds.indexOf(id) === i && id !== inReplyTo);
  if (inReplyTo) chain.push(inReplyTo);
  if (chain.length <= max) return chain;
  return [chain[0]!, ...chain.slice(chain.length - (max - 1))];
}

/** `<id>` for a header. */
export function bracketed(id: string): string {
  return `<${id}>`;
}

/** A new, unique Message-ID on the support address's domain (`uuid@domain`, no brackets). */
export function newMessageId(uuid: string, supportAddress: string): string {
  const domain = supportAddress.split('@')[1] ?? 'localhost';
  return `${uuid}@${domain.toLowerCase()}`;
}
