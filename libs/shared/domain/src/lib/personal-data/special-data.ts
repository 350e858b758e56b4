import { detectPersonalData } from './detect-personal-data';

/**
 * Data the platform should not keep at all without a legal basis (R16): the citizen
 * service number (BSN, whose use the Wabb restricts) and the special categories of
 * GDPR art. 9 and 10 that customers volunteer in chat (health, religion or belief,
 * sexual orientation, political opinions, trade-union membership, criminal records).
 */
export const SPECIAL_DATA_KINDS = ['BSN', 'HEALTH', 'BELIEF', 'ORIENTATION', 'POLITICS', 'UNION', 'CRIMINAL'] as const;
export type SpecialDataKind = (typeof SPECIAL_DATA_KINDS)[number];

/** What a tenant has a legal basis to keep (tenant settings `legalBasis`); absent: masked. */
export interface SpecialDataBasis {
  bsn?: string | null;
  specialCategories?: string | null;
}

export interface MaskedText {
  text: string;
  /** The kinds that were masked, once each, in order of first appearance. */
  masked: SpecialDataKind[];
}

const MARKERS: Record<'nl' | 'en', Record<SpecialDataKind, string>> = {
  nl: {
    BSN: '[BSN verwijderd]',
    HEALTH: '[gezondheidsgegevens verwijderd]',
    BELIEF: '[geloofsovertuiging verwijderd]',
    ORIENTATION: '[gegevens over geaardheid verwijderd]',
    POLITICS: '[politieke voorkeur verwijderd]',
    UNION: '[lidmaatschap vakbond verwijderd]',
    CRIMINAL: '[strafrechtelijke gegevens verwijderd]',
  },
  en: {
    BSN: '[BSN removed]',
    HEALTH: '[health details removed]',
    BELIEF: '[religious belief removed]',
    ORIENTATION: '[sexual orientation removed]',
    POLITICS: '[political opinion removed]',
    UNION: '[trade-union membership removed]',
    CRIMINAL: '[criminal record details removed]',
  },
};

const word = (alternatives: string) => new RegExp(`(?<![\\p{L}\\p{N}])(?:${alternatives})(?![\\p{L}\\p{N}])`, 'giu');

/**
 * Phrases that reveal a special category about a person. Deliberately narrow: named
 * conditions and first-person statements, not every mention of a doctor or a church (a
 * question about a delivery to a hospital is no health data). The policy's sensitive-topic
 * rules still see that a medical topic came up: the inbound event says what was masked.
 */
const PATTERNS: { kind: Exclude<SpecialDataKind, 'BSN'>; pattern: RegExp }[] = [
  {
    kind: 'HEALTH',
    pattern: word(
      [
        // Dutch: named conditions and treatments
        '(?:borst|long|darm|huid|prostaat|bloed|alvleesklier)kanker', 'kanker', 'diabetes', 'suikerziekte', 'depressie', 'depressief', 'burn-?out',
        'dementie', 'alzheimer', 'parkinson', 'epilepsie', 'astma', 'autisme', 'adhd', 'hiv', 'aids', 'hepatitis [abc]', 'multiple sclerose', 'ms-patiënt',
        'chemo(?:therapie|kuur)?', 'bestraling', 'dialyse', 'insuline', 'antidepressiva', 'psychose', 'schizofrenie', 'bipolair', 'anorexia', 'boulimia',
        'zwanger', 'miskraam', 'hartaanval', 'herseninfarct', 'beroerte', 'hernia', 'reuma', 'copd', 'long covid',
        // English
        '(?:breast|lung|bowel|skin|prostate|blood) cancer', 'cancer', 'diabetic', 'depression', 'depressed', 'dementia', "alzheimer'?s", "parkinson'?s",
        'epilepsy', 'epileptic', 'asthma', 'autism', 'autistic', 'chemotherapy', 'radiotherapy', 'dialysis', 'antidepressants', 'psychosis',
        'schizophrenia', 'bipolar', 'pregnant', 'miscarriage', 'heart attack', 'stroke', 'multiple sclerosis', 'arthritis',
      ].join('|'),
    ),
  },
  {
    kind: 'BELIEF',
    pattern: word(
      "(?:ik ben|wij zijn|we zijn|als) (?:een )?(?:moslim|christen|katholiek|protestants|jood|joods|hindoe|boeddhist|atheïst|gelovig)|(?:i am|i'm|we are|we're|as an?) (?:muslim|christian|catholic|protestant|jew|jewish|hindu|buddhist|atheist)|mijn (?:geloof|religie)|my (?:faith|religion)",
    ),
  },
  {
    kind: 'ORIENTATION',
    pattern: word("(?:ik ben|wij zijn|we zijn) (?:homo|lesbisch|biseksueel|homoseksueel|transgender|non-binair)|(?:i am|i'm|we are|we're) (?:gay|lesbian|bisexual|homosexual|transgender|non-binary)|mijn (?:vriend|man) en ik zijn (?:samen|getrouwd)"),
  },
  {
    kind: 'POLITICS',
    pattern: word(
      "(?:ik stem|ik heb gestemd|i vote|i voted) (?:altijd |always )?(?:op|voor|for) (?:de |the )?[\\p{L}0-9-]+|(?:lid van|member of) (?:de |the |a )?(?:politieke partij|political party|vvd|pvv|d66|cda|pvda|groenlinks|sp|bbb|nsc|christenunie|sgp|partij voor de dieren|volt|ja21|fvd|denk|labour party|conservative party|[\\p{L}-]+ party)",
    ),
  },
  { kind: 'UNION', pattern: word('(?:lid van|member of) (?:de |the |a )?(?:vakbond|trade union|union|fnv|cnv)|vakbondslid') },
  {
    kind: 'CRIMINAL',
    pattern: word('strafblad|veroordeeld(?: voor)?|(?:heb|heeft|had) (?:in de )?(?:gevangenis|cel) gezeten|criminal record|convicted(?: of)?|(?:been|was) in (?:prison|jail)'),
  },
];

/** Finds what must not be stored: [start, end, kind], earliest first, overlaps merged. */
function findSpecialData(text: string, basis: SpecialDataBasis): { start: number; end: number; kind: SpecialDataKind }[] {
  const spans: { start: number; end: number; kind: SpecialDataKind }[] = [];
  if (!basis.bsn) {
    for (const f of detectPersonalData(text)) if (f.type === 'BSN') spans.push({ start: f.start, end: f.end, kind: 'BSN' });
  }
  if (!basis.specialCategories) {
    for (const { kind, pattern } of PATTERNS) {
      for (const m of text.matchAll(pattern)) spans.push({ start: m.index, end: m.index + m[0].length, kind });
    }
  }
  spans.sort((a, b) => a.start - b.start || b.end - a.end);
  const merged: typeof spans = [];
  for (const span of spans) {
    const last = merged.at(-1);
    if (last && span.start < last.end) last.end = Math.max(last.end, span.end);
    else merged.push({ ...span });
  }
  return merged;
}

/**
 * The text as it may be stored and shown to agents: each BSN and special-category phrase
 * replaced by a marker in the conversation's language ("[BSN verwijderd]"), unless the
 * tenant recorded a legal basis for that kind. Applied by the gateways before a customer
 * message is stored, so the original is never written anywhere.
 */
export function maskSpecialData(text: string, locale: string, basis: SpecialDataBasis = {}): MaskedText {
  const spans = findSpecialData(text, basis);
  if (spans.length === 0) return { text, masked: [] };
  const markers = MARKERS[locale === 'nl' ? 'nl' : 'en'];
  let out = '';
  let at = 0;
  const masked: SpecialDataKind[] = [];
  for (const span of spans) {
    out += text.slice(at, span.start) + markers[span.kind];
    at = span.end;
    if (!masked.includes(span.kind)) masked.push(span.kind);
  }
  return { text: out + text.slice(at), masked };
}
