import { z } from 'zod';
import { findLinks, linkKey } from './links';
import { GUARD_CHANNELS, GUARD_REASONS, guardAiDraft, type GuardChannel, type GuardResult, type GuardVerdict } from './output-guard';
import { fillPlaceholders, loadJsonl, readFixture } from './testing/guard-fixtures';

/**
 * The labelled drafts in fixtures/guard-cases.jsonl: realistic model answers for a
 * municipality ("Voorbeeldstad"), in Dutch and English, with hard negatives (an AI that
 * says it is not a person, "een medewerker kan je helpen", a customer called Tom…).
 *
 * How the set came about (so the figures below can be read fairly): lines 1-131 were
 * written before the rules, and the rules were then fitted to them. Two hold-out sets were
 * written afterwards, each before the rules saw it; blind, they scored
 *   hold-out 1 (40 lines): blocked recall 13/18 (0.72), false blocks 0/18, rewrites 4/4;
 *   hold-out 2 (46 lines): blocked recall 12/20 (0.60), false blocks 0/21, rewrites 4/4
 *     (plus one too_long line that was itself mislabelled: 317 characters for 320).
 * Their misses were then fixed with general rules and both sets joined this file, so this
 * file no longer measures generalisation: expect lower recall on phrasings nobody wrote.
 */

const VERDICTS = ['pass', 'rewritten', 'blocked'] as const satisfies readonly GuardVerdict[];

const caseSchema = z
  .object({
    text: z.string().min(1),
    locale: z.enum(['nl', 'en']),
    expect: z.enum(VERDICTS),
    reason: z.enum(GUARD_REASONS).optional(),
    channel: z.enum(GUARD_CHANNELS).optional(),
  })
  .strict()
  .refine((c) => (c.expect === 'pass') === (c.reason === undefined), 'pass has no reason; blocked and rewritten have one');
type GuardCase = z.infer<typeof caseSchema>;

const ORG = 'Voorbeeldstad';
const CANARY = 'TEST-CANARY-4b9d1e73';
const SYSTEM_PROMPT = readFixture('sample-system-prompt.txt').replaceAll('{{CANARY}}', CANARY);
const ALLOWED_URLS = [
  'https://www.voorbeeldstad.nl/afval/ophaaldagen',
  'https://www.voorbeeldstad.nl/paspoort-aanvragen',
  'https://www.voorbeeldstad.nl/contact',
  'https://www.voorbeeldstad.nl/bezwaar',
  'https://www.voorbeeldstad.nl/parkeren/vergunning',
  'https://www.voorbeeldstad.nl/en/waste-collection',
  'https://www.voorbeeldstad.nl/en/parking-permit',
];
const MAX_LENGTH: Readonly<Record<GuardChannel, number>> = { web: 1200, whatsapp: 1000, email: 3000, sms: 320 };

interface Outcome {
  readonly row: GuardCase;
  readonly text: string;
  readonly result: GuardResult;
}

function run(row: GuardCase): Outcome {
  const text = fillPlaceholders(row.text, { prompt: SYSTEM_PROMPT, canary: CANARY, org: ORG });
  const channel = row.channel ?? 'web';
  const result = guardAiDraft({
    text,
    locale: row.locale,
    channel,
    allowedUrls: ALLOWED_URLS,
    systemPrompt: SYSTEM_PROMPT,
    canary: CANARY,
    maxLength: MAX_LENGTH[channel],
  });
  return { row, text, result };
}

interface ClassFigures {
  readonly verdict: GuardVerdict;
  readonly precision: number;
  readonly recall: number;
  readonly expected: number;
  readonly predicted: number;
}

function figures(outcomes: readonly Outcome[]): ClassFigures[] {
  return VERDICTS.map((verdict) => {
    const expected = outcomes.filter((o) => o.row.expect === verdict).length;
    const predicted = outcomes.filter((o) => o.result.verdict === verdict).length;
    const hits = outcomes.filter((o) => o.row.expect === verdict && o.result.verdict === verdict).length;
    return { verdict, expected, predicted, precision: predicted === 0 ? 1 : hits / predicted, recall: expected === 0 ? 1 : hits / expected };
  });
}

function falseBlockRate(outcomes: readonly Outcome[]): number {
  const notBlocked = outcomes.filter((o) => o.row.expect !== 'blocked');
  return notBlocked.filter((o) => o.result.verdict === 'blocked').length / notBlocked.length;
}

function report(label: string, outcomes: readonly Outcome[]): string {
  const perClass = figures(outcomes)
    .map((f) => `${f.verdict}: precision=${f.precision.toFixed(3)} recall=${f.recall.toFixed(3)} (expected ${f.expected}, got ${f.predicted})`)
    .join('; ');
  return `${label} n=${outcomes.length}: ${perClass}; false blocks=${(falseBlockRate(outcomes) * 100).toFixed(2)}%`;
}

describe('output guard on the labelled drafts (fixtures/guard-cases.jsonl)', () => {
  const rows = loadJsonl('guard-cases.jsonl', caseSchema);
  const outcomes = rows.map(run);

  it('is a valid, distinct set of at least 80 drafts in Dutch and English, with every verdict and reason', () => {
    expect(rows.length).toBeGreaterThanOrEqual(80);
    expect(new Set(rows.map((r) => r.text)).size).toBe(rows.length);
    for (const locale of ['nl', 'en'] as const) {
      for (const verdict of VERDICTS) expect(rows.some((r) => r.locale === locale && r.expect === verdict)).toBe(true);
    }
    for (const reason of GUARD_REASONS) expect(rows.some((r) => r.reason === reason)).toBe(true);
    // Hard negatives: passing drafts that talk about people, names or being an AI.
    const hardNegatives = rows.filter((r) => r.expect === 'pass' && /mens|person|human|medewerker|colleague|collega|staff|\bAI\b|bot|Tom|Sanne|Emma/i.test(r.text));
    expect(hardNegatives.length).toBeGreaterThanOrEqual(40);
  });

  it('blocks every draft labelled blocked, falsely blocks at most 2 %, and reports per-verdict figures', () => {
    console.log(report('output guard', outcomes));
    for (const locale of ['nl', 'en'] as const) console.log(report(`output guard [${locale}]`, outcomes.filter((o) => o.row.locale === locale)));
    const wrong = outcomes.filter((o) => o.result.verdict !== o.row.expect);
    if (wrong.length > 0) console.log(`wrong: ${JSON.stringify(wrong.map((o) => ({ text: o.row.text, expect: o.row.expect, got: o.result })), null, 1)}`);

    const blocked = figures(outcomes).find((f) => f.verdict === 'blocked')!;
    expect(blocked.recall).toBe(1);
    expect(falseBlockRate(outcomes)).toBeLessThanOrEqual(0.02);
  });

  it('gets the verdict right on every line and names the labelled reason', () => {
    const mismatches = outcomes
      .filter((o) => o.result.verdict !== o.row.expect || (o.row.reason !== undefined && !o.result.reasons.includes(o.row.reason)))
      .map((o) => ({ text: o.row.text, expect: o.row.expect, reason: o.row.reason, got: o.result.verdict, reasons: o.result.reasons }));
    expect(mismatches).toEqual([]);
  });

  it('passes drafts unchanged, sends nothing of a blocked draft, and leaves no foreign link in a rewrite', () => {
    const allowed = new Set(ALLOWED_URLS.map(linkKey));
    for (const { row, text, result } of outcomes) {
      if (result.verdict === 'pass') {
        expect(result.text).toBe(text);
        expect(result.reasons).toEqual([]);
      }
      if (result.verdict === 'blocked') expect(result.text).toBe('');
      if (result.verdict === 'rewritten') {
        expect(result.text.length).toBeLessThanOrEqual(MAX_LENGTH[row.channel ?? 'web']);
        expect(result.text).toMatch(/\p{L}/u);
        const left = findLinks(result.text).filter((l) => !allowed.has(linkKey(l.target)));
        expect(left).toEqual([]);
      }
    }
  });
});
