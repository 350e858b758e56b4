import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { detectHumanRequest } from './index';

/**
 * The labelled utterances measure the rules alone (no model). `human-request-holdout.jsonl`
 * was written before the rules and is never used to tune them: it is the honest check.
 */

const KINDS = ['direct', 'indirect', 'typo', 'keyword', 'mention', 'negation', 'question-about-bot', 'other'] as const;
const POSITIVE_KINDS: readonly string[] = ['direct', 'indirect', 'typo', 'keyword'];

interface Utterance {
  text: string;
  locale: string;
  wantsHuman: boolean;
  kind: (typeof KINDS)[number];
}

function parseLine(line: string, where: string): Utterance {
  const value: unknown = JSON.parse(line);
  if (typeof value !== 'object' || value === null) throw new Error(`${where}: not an object`);
  const row = value as Record<string, unknown>;
  const keys = Object.keys(row).sort().join(',');
  if (keys !== 'kind,locale,text,wantsHuman') throw new Error(`${where}: unexpected keys ${keys}`);
  const { text, locale, wantsHuman, kind } = row;
  if (typeof text !== 'string' || text.trim().length === 0) throw new Error(`${where}: text`);
  if (typeof locale !== 'string' || !/^[a-z]{2}$/.test(locale)) throw new Error(`${where}: locale`);
  if (typeof wantsHuman !== 'boolean') throw new Error(`${where}: wantsHuman`);
  if (typeof kind !== 'string' || !(KINDS as readonly string[]).includes(kind)) throw new Error(`${where}: kind`);
  if (POSITIVE_KINDS.includes(kind) !== wantsHuman) throw new Error(`${where}: kind ${kind} does not match wantsHuman`);
  return { text, locale, wantsHuman, kind: kind as Utterance['kind'] };
}

function load(file: string): Utterance[] {
  const lines = readFileSync(join(__dirname, 'fixtures', file), 'utf8').split('\n').filter((l) => l.length > 0);
  return lines.map((line, i) => parseLine(line, `${file}:${i + 1}`));
}

interface Figures {
  recall: number;
  fpr: number;
  n: number;
  pos: number;
  neg: number;
  missed: string[];
  falseAlarms: string[];
}

function measure(rows: readonly Utterance[]): Figures {
  const positives = rows.filter((r) => r.wantsHuman);
  const negatives = rows.filter((r) => !r.wantsHuman);
  const missed = positives.filter((r) => !detectHumanRequest(r.text, r.locale).wantsHuman).map((r) => r.text);
  const falseAlarms = negatives.filter((r) => detectHumanRequest(r.text, r.locale).wantsHuman).map((r) => r.text);
  return {
    recall: positives.length === 0 ? 1 : (positives.length - missed.length) / positives.length,
    fpr: negatives.length === 0 ? 0 : falseAlarms.length / negatives.length,
    n: rows.length,
    pos: positives.length,
    neg: negatives.length,
    missed,
    falseAlarms,
  };
}

function report(label: string, f: Figures): string {
  return `${label}: recall=${f.recall.toFixed(2)} fpr=${f.fpr.toFixed(2)} n=${f.n} (pos=${f.pos}, neg=${f.neg})`;
}

describe('human-request dataset (rules only)', () => {
  const main = load('human-request-utterances.jsonl');
  const holdout = load('human-request-holdout.jsonl');

  it('has at least 300 valid, distinct, roughly balanced lines', () => {
    expect(main.length).toBeGreaterThanOrEqual(300);
    expect(new Set(main.map((r) => r.text)).size).toBe(main.length);
    const positiveShare = main.filter((r) => r.wantsHuman).length / main.length;
    expect(positiveShare).toBeGreaterThan(0.4);
    expect(positiveShare).toBeLessThan(0.6);
    for (const kind of KINDS) expect(main.some((r) => r.kind === kind)).toBe(true);
  });

  it('keeps the hold-out apart from the main set', () => {
    expect(holdout.length).toBeGreaterThanOrEqual(50);
    const mainTexts = new Set(main.map((r) => r.text));
    expect(holdout.filter((r) => mainTexts.has(r.text))).toEqual([]);
  });

  it('finds requests for a person and ignores the rest on the main set', () => {
    const figures = measure(main);
    console.log(report('escalation detector', figures));
    if (figures.missed.length + figures.falseAlarms.length > 0) {
      console.log(`missed: ${JSON.stringify(figures.missed)}\nfalse alarms: ${JSON.stringify(figures.falseAlarms)}`);
    }
    expect(figures.recall).toBeGreaterThanOrEqual(0.97);
    expect(figures.fpr).toBeLessThanOrEqual(0.03);
  });

  it.each(['nl', 'en'])('finds requests for a person in %s', (locale) => {
    const figures = measure(main.filter((r) => r.locale === locale));
    console.log(report(`escalation detector [${locale}]`, figures));
    expect(figures.recall).toBeGreaterThanOrEqual(0.95);
  });

  it('generalises to the hold-out set it was never tuned on', () => {
    const figures = measure(holdout);
    console.log(report('escalation detector hold-out', figures));
    if (figures.missed.length + figures.falseAlarms.length > 0) {
      console.log(`hold-out missed: ${JSON.stringify(figures.missed)}\nfalse alarms: ${JSON.stringify(figures.falseAlarms)}`);
    }
    expect(figures.recall).toBeGreaterThanOrEqual(0.9);
    expect(figures.fpr).toBeLessThanOrEqual(0.1);
  });
});
