import { z } from 'zod';
import { findHumanClaims } from './human-claim';
import { findLinks, removeDisallowedLinks } from './links';
import { leaksCanary, overlapsPrompt } from './prompt-leak';
import { ellipsisFor, truncateAtSentence } from './truncate';

/**
 * The last check on an AI draft before a customer sees it (R03, R05, R13, R15).
 *
 * - blocked: the draft claims to be a person or uses a human name, or repeats the system
 *   prompt (canary marker, or 12+ words in a row). Nothing of it may be sent: the caller
 *   sends a safe text instead (see `SAFE_REPLACEMENT_TEXT_KEYS`) and records the reasons.
 * - rewritten: links that are not the knowledge sources' own were removed, and/or the
 *   text was cut to `maxLength` at a sentence end. `text` is what may be sent.
 * - pass: `text` is the draft, unchanged.
 *
 * Reasons are machine ids only; no customer text ends up in them (they go to the audit log).
 */

export const GUARD_CHANNELS = ['web', 'sms', 'whatsapp', 'email'] as const;
export type GuardChannel = (typeof GUARD_CHANNELS)[number];

/** In the order they are reported. The first four block; the last two rewrite. */
export const GUARD_REASONS = ['claims_human', 'human_persona_name', 'canary_leak', 'prompt_overlap', 'link_removed', 'too_long'] as const;
export type GuardReason = (typeof GUARD_REASONS)[number];

export const BLOCKING_GUARD_REASONS = ['claims_human', 'human_persona_name', 'canary_leak', 'prompt_overlap'] as const;
export type BlockingGuardReason = (typeof BLOCKING_GUARD_REASONS)[number];

export type GuardVerdict = 'pass' | 'rewritten' | 'blocked';

/**
 * Which customer text (a key of the shared i18n catalogue) the caller sends instead of a
 * blocked draft. A draft that pretended to be a person is answered with the truth
 * ('assistant.notHuman', R05); any other with the honest "I don't know, want a person?"
 * ('assistant.dontKnow', R13).
 * When several reasons apply, use the first reason's key (reasons come in GUARD_REASONS order).
 */
export const SAFE_REPLACEMENT_TEXT_KEYS = {
  claims_human: 'assistant.notHuman',
  human_persona_name: 'assistant.notHuman',
  canary_leak: 'assistant.dontKnow',
  prompt_overlap: 'assistant.dontKnow',
  // A draft that was nothing but disallowed links.
  link_removed: 'assistant.dontKnow',
} as const satisfies Partial<Record<GuardReason, string>>;

export const guardInputSchema = z.object({
  text: z.string(),
  /**
   * The conversation's language (BCP-47): picks the words that replace a removed link.
   * The rules for Dutch and English always both run.
   */
  locale: z.string(),
  channel: z.enum(GUARD_CHANNELS),
  /** The knowledge sources' URLs: the only links a draft may contain. */
  allowedUrls: z.array(z.string()),
  systemPrompt: z.string(),
  /** The marker in the system prompt; at least 8 letters or digits, so it is distinctive. */
  canary: z.string().refine((c) => c.replace(/[^A-Za-z0-9]/g, '').length >= 8, 'canary needs at least 8 letters or digits'),
  /** Longest text the channel takes, in UTF-16 code units (String#length). */
  maxLength: z.number().int().min(8),
});

export type GuardInput = z.input<typeof guardInputSchema>;

export interface GuardResult {
  readonly verdict: GuardVerdict;
  /** What may be sent; '' when blocked. */
  readonly text: string;
  readonly reasons: readonly GuardReason[];
}

/** Masks link targets, so words inside a URL ("/ik-ben-een-mens") are not read as a claim. */
function withoutLinkTargets(text: string): string {
  let out = text;
  for (const span of findLinks(text)) {
    out = out.slice(0, span.start) + ' '.repeat(span.end - span.start) + out.slice(span.end);
  }
  return out;
}

/** Put where a bare link was removed; Dutch for "nl…", English otherwise. */
export const REMOVED_LINK_TEXT = { nl: '(link verwijderd)', en: '(link removed)' } as const;

function removedLinkText(locale: string): string {
  return locale.trim().toLowerCase().split(/[-_]/, 1)[0] === 'nl' ? REMOVED_LINK_TEXT.nl : REMOVED_LINK_TEXT.en;
}

function ordered(reasons: ReadonlySet<GuardReason>): GuardReason[] {
  return GUARD_REASONS.filter((reason) => reasons.has(reason));
}

/** Throws a ZodError on malformed input (a programming error, not a customer's doing). */
export function guardAiDraft(input: GuardInput): GuardResult {
  const { text, locale, channel, allowedUrls, systemPrompt, canary, maxLength } = guardInputSchema.parse(input);

  const blocking = new Set<GuardReason>();
  for (const finding of findHumanClaims(withoutLinkTargets(text))) blocking.add(finding.reason);
  if (leaksCanary(text, canary)) blocking.add('canary_leak');
  if (overlapsPrompt(text, systemPrompt)) blocking.add('prompt_overlap');
  if (blocking.size > 0) return { verdict: 'blocked', text: '', reasons: ordered(blocking) };

  const rewrites = new Set<GuardReason>();
  let out = text;
  const links = removeDisallowedLinks(out, allowedUrls, removedLinkText(locale));
  if (links.removed > 0) {
    rewrites.add('link_removed');
    out = links.text;
    // Nothing readable left: there is nothing to send.
    if (!/[\p{L}\p{N}]/u.test(out)) return { verdict: 'blocked', text: '', reasons: ['link_removed'] };
  }
  if (out.length > maxLength) {
    rewrites.add('too_long');
    out = truncateAtSentence(out, maxLength, ellipsisFor(channel));
  }
  if (rewrites.size === 0) return { verdict: 'pass', text, reasons: [] };
  return { verdict: 'rewritten', text: out, reasons: ordered(rewrites) };
}
