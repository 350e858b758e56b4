import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { detectSensitiveTopic, detectSensitiveTopics } from './sensitive-topic';
import { compileLexicon, normaliseForMatching, SENSITIVE_TOPICS, type SensitiveTopic } from './topic-lexicon';

/*
 * The labelled set was written in three rounds. Round 0 (108 lines) was written together
 * with the rules, so its figures say little. Rounds 1 (60 lines) and 2 (40 lines) were
 * written blind, measured against the rules of that moment, and only then were the rules
 * extended. Blind figures before extending, for an honest picture of keyword rules:
 *   round 1: accuracy 0.65; recall crisis 0.50, bereavement 0.83, medical 0.50, legal 1.00,
 *            payment_trouble 0.00, complaint 0.60, cancellation 0.67
 *   round 2: accuracy 0.70; recall crisis 0.00 (6 indirect phrasings: "uit het leven
 *            stappen", "afscheidsbrief", "not waking up" …), bereavement 0.50, medical 0.50,
 *            legal 1.00, payment_trouble 0.75, complaint 1.00, cancellation 1.00
 * Recall 1.0 on this set is therefore a floor the rules must keep, not an estimate of
 * recall on new text: indirect crisis language will be missed.
 */
interface LabelledExample {
  text: string;
  locale: 'nl' | 'en';
  topic: SensitiveTopic | null;
  /** 0: written together with the rules; 1 and 2: written blind, measured, then the rules were extended. */
  round: number;
  note?: string;
}

const examples: LabelledExample[] = readFileSync(join(__dirname, 'topic-examples.jsonl'), 'utf8')
  .split('\n')
  .filter((line) => line.trim() !== '')
  .map((line) => JSON.parse(line) as LabelledExample);

interface TopicFigures {
  topic: SensitiveTopic;
  support: number;
  recall: number;
  precision: number;
}

function figures(set: readonly LabelledExample[]): { perTopic: TopicFigures[]; accuracy: number; misses: string[] } {
  const results = set.map((e) => ({ e, got: detectSensitiveTopic(e.text, e.locale).topic }));
  const perTopic = SENSITIVE_TOPICS.map((topic) => {
    const tp = results.filter((r) => r.e.topic === topic && r.got === topic).length;
    const support = results.filter((r) => r.e.topic === topic).length;
    const predicted = results.filter((r) => r.got === topic).length;
    return { topic, support, recall: support ? tp / support : 1, precision: predicted ? tp / predicted : 1 };
  });
  const misses = results.filter((r) => r.got !== r.e.topic).map((r) => `want ${r.e.topic}, got ${r.got}: ${r.e.text}`);
  return { perTopic, accuracy: results.filter((r) => r.got === r.e.topic).length / results.length, misses };
}

describe('detectSensitiveTopic', () => {
  describe('on the labelled set (topic-examples.jsonl)', () => {
    const { perTopic, accuracy, misses } = figures(examples);

    it('has at least 80 realistic Dutch and English lines, every topic and negatives among them', () => {
      expect(examples.length).toBeGreaterThanOrEqual(80);
      for (const topic of [...SENSITIVE_TOPICS, null]) {
        for (const locale of ['nl', 'en'] as const) {
          expect({ topic, locale, some: examples.some((e) => e.topic === topic && e.locale === locale) }).toEqual({ topic, locale, some: true });
        }
      }
    });

    it('reports recall and precision per topic', () => {
      const table = perTopic
        .map((f) => `${f.topic.padEnd(16)} n=${String(f.support).padStart(3)}  recall ${f.recall.toFixed(2)}  precision ${f.precision.toFixed(2)}`)
        .join('\n');
      console.log(`Sensitive topics on ${examples.length} labelled lines (accuracy ${accuracy.toFixed(3)}):\n${table}${misses.length ? `\nmisses:\n${misses.join('\n')}` : ''}`);
      for (const f of perTopic) {
        expect({ topic: f.topic, recallAtLeast90: f.recall >= 0.9, precisionAtLeast90: f.precision >= 0.9 }).toEqual({
          topic: f.topic,
          recallAtLeast90: true,
          precisionAtLeast90: true,
        });
      }
    });

    it('finds every crisis line (recall 1.0)', () => {
      const missed = examples.filter((e) => e.topic === 'crisis' && detectSensitiveTopic(e.text, e.locale).topic !== 'crisis');
      expect(missed.map((e) => e.text)).toEqual([]);
      expect(perTopic.find((f) => f.topic === 'crisis')!.recall).toBe(1);
    });
  });

  it.each([
    ['ik wil niet meer leven', 'nl', 'crisis'],
    ['I want to end it all', 'en', 'crisis'],
    ['ik wil dood', 'nl', 'crisis'],
    ['Ik ben suïcidaal', 'nl', 'crisis'],
    ['I could just kill myself', 'en', 'crisis'],
    ['mijn oma is overleden en ik wil haar abonnement opzeggen', 'nl', 'bereavement'],
    ['betaling mislukt', 'nl', 'payment_trouble'],
    ['ik ga naar de rechter', 'nl', 'legal'],
    ['I have asked my lawyer to look at this', 'en', 'legal'],
    ['ik heb een klacht', 'nl', 'complaint'],
    ['ik moet morgen naar de dokter', 'nl', 'medical'],
    ['mag ik mijn medicijnen in de koelkast bewaren?', 'nl', 'medical'],
    ['ik wil mijn abonnement opzeggen', 'nl', 'cancellation'],
  ] as const)('reads %j as %s', (text, locale, topic) => {
    expect(detectSensitiveTopic(text, locale).topic).toBe(topic);
  });

  it.each([
    ['deze bestelling maakt me dood-moe', 'nl'],
    ['ik ben doodmoe van het wachten', 'nl'],
    ['ik ga dood van het lachen', 'nl'],
    ['ik wil doodgewoon mijn geld terug', 'nl'],
    ["I'm dying to know when it ships", 'en'],
    ['my phone is going to die, please be quick', 'en'],
    ['I cut myself on the packaging, the box had a sharp edge', 'en'],
    ['I was bored to death in the queue', 'en'],
  ] as const)('does not read the idiom %j as a crisis', (text, locale) => {
    expect(detectSensitiveTopic(text, locale).topic).not.toBe('crisis');
  });

  it.each([
    ['Mijn telefoon is dood, kan ik een nieuwe oplader bestellen?', 'nl'],
    ['My phone died halfway through the call', 'en'],
    ["I'm sick of waiting for this parcel", 'en'],
    ['Ik word ziek van jullie wachtmuziek', 'nl'],
    ['Kan ik de rechter bovenhoek van het scherm aanpassen?', 'nl'],
    ['Can I pay by direct debit?', 'en'],
    ['Kan ik betalen met automatische incasso?', 'nl'],
    ['Het is niet mijn schuld dat het pakket kwijt is', 'nl'],
    ['Hi, this is Sue from flat 4', 'en'],
    ['What is the average delivery time?', 'en'],
    ['Ik wil een overlijdensrisicoverzekering afsluiten', 'nl'],
  ] as const)('finds no sensitive topic in %j', (text, locale) => {
    expect(detectSensitiveTopic(text, locale)).toEqual({ topic: null, reason: 'no sensitive-topic rule matched', ruleId: null });
  });

  it('puts bereavement before cancellation, crisis before everything', () => {
    expect(detectSensitiveTopics('mijn oma is overleden en ik wil haar abonnement opzeggen', 'nl').map((m) => m.topic)).toEqual(['bereavement', 'cancellation']);
    expect(detectSensitiveTopic("There's no point in living with this debt, I can't pay", 'en').topic).toBe('crisis');
  });

  it("does not understand a retraction: \"cancel? no, just change the date\" still reads as cancellation (documented; a person's look is cheap)", () => {
    expect(detectSensitiveTopic("I'd like to cancel? no, just change the date", 'en').topic).toBe('cancellation');
  });

  it('runs both languages whatever the locale, except words that mean something else in the other', () => {
    expect(detectSensitiveTopic('I want to end it all', 'nl').topic).toBe('crisis');
    expect(detectSensitiveTopic('ik wil niet meer leven', 'en').topic).toBe('crisis');
    expect(detectSensitiveTopic('mijn arts zegt van niet', 'nl').topic).toBe('medical');
    expect(detectSensitiveTopic('the arts centre is closed', 'en').topic).toBeNull();
    expect(detectSensitiveTopic('ik heb een AVG-verzoek gedaan', 'nl-NL').topic).toBe('legal');
    expect(detectSensitiveTopic('avg price per month?', 'en').topic).toBeNull();
  });

  it('gives a reason that names the rule, never the customer\'s words', () => {
    const result = detectSensitiveTopic('Mijn advocaat, mr. Jansen, belt jullie morgen', 'nl');
    expect(result).toEqual({ topic: 'legal', reason: 'legal: rule nl.rechter matched', ruleId: 'nl.rechter' });
    expect(result.reason).not.toMatch(/Jansen|advocaat/);
  });

  it('normalises case, accents, curly quotes and spacing before matching', () => {
    expect(normaliseForMatching('  Ik  ben SUÏCIDAAL,\n ik wil ’t beëindigen ')).toBe("ik ben suicidaal, ik wil 't beeindigen");
    expect(detectSensitiveTopic('I DON’T WANT TO LIVE ANYMORE', 'en').topic).toBe('crisis');
  });

  it('rejects a lexicon with a bad shape or pattern', () => {
    expect(() => compileLexicon({ priority: ['crisis'], topics: {}, frustration: {} })).toThrow();
    const good = JSON.parse(readFileSync(join(__dirname, 'topic-lexicon.json'), 'utf8')) as {
      topics: { crisis: { rules: Array<{ pattern: string }> } };
    };
    good.topics.crisis.rules[0]!.pattern = '(unclosed';
    expect(() => compileLexicon(good)).toThrow(SyntaxError);
  });
});
