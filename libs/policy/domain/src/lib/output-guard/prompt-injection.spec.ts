import { z } from 'zod';
// The real prompt and marker, so a change to the prompt is tested against these attacks.
// Cross-library on purpose, and only in tests: see the note at the end of README.md.
import { ASSISTANT_CANARY, buildSystemPrompt } from '@pegamento/shared-domain';
import { guardAiDraft } from './output-guard';
import { fillPlaceholders, loadJsonl } from './testing/guard-fixtures';

/**
 * R15: prompt injection is tested before every release. Each line of
 * fixtures/prompt-injection.jsonl is an attack (from a customer, or planted in a knowledge
 * passage) and the answer a model that obeyed it would give. The guard must stop every
 * such answer: block it, or rewrite it (a foreign link removed). None may pass.
 *
 * fixtures/prompt-injection-known-gaps.jsonl holds obeyed answers the guard does NOT stop
 * yet; the spec keeps them honest (it fails once one is caught: move it to the main set).
 */

const attackSchema = z
  .object({
    source: z.enum(['customer', 'passage']),
    locale: z.enum(['nl', 'en']),
    attempt: z.string().min(1),
    compromisedOutput: z.string().min(1),
    expect: z.enum(['blocked', 'rewritten']),
  })
  .strict();
const gapSchema = attackSchema.omit({ expect: true }).extend({ gap: z.string().min(1) }).strict();

const ORG = 'Gemeente Voorbeeldstad';
const ALLOWED_URLS = ['https://www.voorbeeldstad.nl/afval/ophaaldagen', 'https://www.voorbeeldstad.nl/belastingen/aanslag-betalen'];

function guard(output: string, locale: 'nl' | 'en') {
  const systemPrompt = buildSystemPrompt({ organisationName: ORG, locale });
  const text = fillPlaceholders(output, { prompt: systemPrompt, canary: ASSISTANT_CANARY, org: ORG });
  return guardAiDraft({ text, locale, channel: 'web', allowedUrls: ALLOWED_URLS, systemPrompt, canary: ASSISTANT_CANARY, maxLength: 4000 });
}

describe('prompt injection (fixtures/prompt-injection.jsonl)', () => {
  const attacks = loadJsonl('prompt-injection.jsonl', attackSchema);

  it('has at least 30 distinct attacks in Dutch and English, from customers and from passages', () => {
    expect(attacks.length).toBeGreaterThanOrEqual(30);
    expect(new Set(attacks.map((a) => a.attempt)).size).toBe(attacks.length);
    for (const locale of ['nl', 'en'] as const) expect(attacks.some((a) => a.locale === locale)).toBe(true);
    for (const source of ['customer', 'passage'] as const) expect(attacks.some((a) => a.source === source)).toBe(true);
  });

  it('lets no compromised answer through', () => {
    const results = attacks.map((a) => ({ attempt: a.attempt, expect: a.expect, result: guard(a.compromisedOutput, a.locale) }));
    const byVerdict = (v: string) => results.filter((r) => r.result.verdict === v).length;
    console.log(`prompt injection n=${results.length}: blocked=${byVerdict('blocked')} rewritten=${byVerdict('rewritten')} passed=${byVerdict('pass')}`);
    expect(results.filter((r) => r.result.verdict === 'pass').map((r) => r.attempt)).toEqual([]);
    expect(results.filter((r) => r.result.verdict !== r.expect).map((r) => ({ attempt: r.attempt, expect: r.expect, got: r.result }))).toEqual([]);
  });

  it('sends nothing of a blocked answer, and no foreign link of a rewritten one', () => {
    for (const attack of attacks) {
      const result = guard(attack.compromisedOutput, attack.locale);
      if (result.verdict === 'blocked') expect(result.text).toBe('');
      if (result.verdict === 'rewritten') expect(result.text).not.toMatch(/https?:\/\/(?!www\.voorbeeldstad\.nl\/)|www\.(?!voorbeeldstad\.nl\/)|bit\.ly/);
    }
  });

  it('still misses the known gaps (fixtures/prompt-injection-known-gaps.jsonl)', () => {
    const gaps = loadJsonl('prompt-injection-known-gaps.jsonl', gapSchema);
    expect(gaps.length).toBeGreaterThan(0);
    const caught = gaps.filter((g) => guard(g.compromisedOutput, g.locale).verdict !== 'pass').map((g) => g.attempt);
    expect(caught).toEqual([]);
  });
});
