/**
 * Decides whether a customer's message asks to talk to a person (R10: asking for a person
 * in words works on the first request). Pure rules, deterministic, no I/O; an optional
 * model settles only the cases the rules mark `uncertain` and can never turn a clear
 * "yes" into "no".
 *
 * How the rules read a message:
 * 1. Normalise (lower case, no accents, collapsed letter runs), split into clauses, tag
 *    every word with its classes from `lexicon.ts` (with a little typo tolerance).
 * 2. A whole message of only person words and politeness ("MENS", "medewerker aub",
 *    "human please") is a request (the SMS/WhatsApp keywords).
 * 3. In each clause, request patterns look for a person (or "someone", or a staffed team)
 *    reached from a request cue ("ik wil", "mag ik", "can I", "let me"), a contact verb
 *    ("spreken", "talk to"), a hand-over verb ("doorverbinden", "transfer me"), a
 *    call-back, a presence question ("is anyone there?"), "can someone help me", or a
 *    rejection of the bot ("geen robot aub").
 * 4. A negation before the pattern ("ik hoef geen medewerker", "I don't want to talk to
 *    anyone") turns it into a "no"; a question about what the assistant is ("ben jij een
 *    mens?") is a "no" too (R05 answers it elsewhere); a person after a possessive or in a
 *    fixed phrase ("mijn man", "my travel agent", "human resources") is a mention.
 * 5. What is left over (a bare "the agent ..." without a request, frustration with the bot,
 *    "who can help me") is `uncertain`, for the model to decide.
 */
import type { WordClass } from './lexicon';
import { STANDALONE_KEYWORDS } from './lexicon';
import { splitClauses } from './text-normalisation';
import { tagWords, type Token } from './word-tagger';

export interface HumanRequestDecision {
  wantsHuman: boolean;
  /** Confidence in `wantsHuman` (not in "yes"), 0..1. */
  confidence: number;
  /**
   * Short machine-readable id of the rule that decided (never customer text), one of
   * `HumanRequestRuleId`; after a model call it gets a suffix: `+model_yes`, `+model_no`,
   * `+model_kept_yes`, `+model_timeout`, `+model_error`.
   */
  reason: string;
  /** The rules could not settle it; a model may decide. */
  uncertain: boolean;
}

export type HumanRequestRuleId =
  | 'empty'
  | 'keyword'
  | 'keyword_in_clause'
  | 'request_person'
  | 'request_someone'
  | 'contact_person'
  | 'transfer'
  | 'callback'
  | 'presence_question'
  | 'someone_help'
  | 'bot_rejected'
  | 'who_can_help'
  | 'weak_request'
  | 'retracted'
  | 'negated'
  | 'question_about_bot'
  | 'bare_person_mention'
  | 'frustration'
  | 'mention'
  | 'no_signal';

/** Every rule id, for logs and dashboards. */
export const HUMAN_REQUEST_RULE_IDS: readonly HumanRequestRuleId[] = [
  'empty', 'keyword', 'keyword_in_clause', 'request_person', 'request_someone', 'contact_person',
  'transfer', 'callback', 'presence_question', 'someone_help', 'bot_rejected', 'who_can_help',
  'weak_request', 'retracted', 'negated', 'question_about_bot', 'bare_person_mention',
  'frustration', 'mention', 'no_signal',
];

type Polarity = 'yes' | 'maybeYes' | 'negated' | 'maybeNo' | 'mention';

interface Signal {
  readonly polarity: Polarity;
  readonly rule: HumanRequestRuleId;
  readonly confidence: number;
  /** First and last token of the pattern, for negation scope. */
  readonly start: number;
  readonly end: number;
  /** Presence questions stay requests under negation ("is er niet iemand die ..."). */
  readonly negationProof?: boolean;
}

interface Clause {
  readonly tokens: readonly Token[];
  readonly question: boolean;
}

interface ClauseResult {
  readonly signals: readonly Signal[];
  readonly questionAboutBot: boolean;
  /** Index of the first retraction ("laat maar", "never mind") in the clause, or -1. */
  readonly retractAt: number;
  readonly frustration: boolean;
}

// ---------------------------------------------------------------------------------------
// Token helpers

function has(token: Token | undefined, ...classes: WordClass[]): boolean {
  if (token === undefined || token.classes.size === 0) return false;
  for (const c of classes) if (token.classes.has(c)) return true;
  return false;
}

function isUnknown(token: Token): boolean {
  return token.classes.size === 0;
}

const TARGET_CLASSES: readonly WordClass[] = ['person', 'personPlural', 'someone', 'org', 'nobody'];

function isTarget(token: Token | undefined): boolean {
  return has(token, ...TARGET_CLASSES);
}

/** Words that can stand between a request word and the person ("wil graag even een echte"). */
const GAP_CLASSES: readonly WordClass[] = [
  'article', 'pronoun', 'preposition', 'your', 'filler', 'polite', 'cue', 'modal', 'real', 'org',
  'contact', 'transfer', 'transferParticle', 'greeting', 'possessive', 'relative', 'help',
];

/** Words that end any pattern: a negation, a bot, a report of the past, a question about the bot. */
const STOP_CLASSES: readonly WordClass[] = [
  'negator', 'bot', 'botWeak', 'pastContact', 'qabOpener', 'qabTalking', 'retract', 'nonTarget',
  'self', 'else', 'frustration', 'nobody', 'botRejector', 'alternative', 'notRequest',
];

function isStop(token: Token): boolean {
  return has(token, ...STOP_CLASSES);
}

function isGap(token: Token): boolean {
  return !isStop(token) && has(token, ...GAP_CLASSES);
}

function anyIn(tokens: readonly Token[], from: number, to: number, ...classes: WordClass[]): boolean {
  for (let k = Math.max(0, from); k <= Math.min(tokens.length - 1, to); k++) {
    if (has(tokens[k], ...classes)) return true;
  }
  return false;
}

/**
 * Dutch puts the verb last: "kan ik een persoon toevoegen" (add a person) is not "kan ik
 * een persoon spreken". An unknown infinitive right after the person ends the request.
 */
function otherVerbAfter(tokens: readonly Token[], t: number): boolean {
  for (let k = t + 1; k < tokens.length; k++) {
    const tok = tokens[k];
    if (has(tok, 'contact', 'help', 'callback', 'callbackWeak', 'transfer', 'cueAfter')) return false;
    if (isUnknown(tok)) return tok.text.length > 4 && tok.text.endsWith('en');
    if (!has(tok, 'article', 'pronoun', 'preposition', 'filler', 'polite', 'real', 'your', 'org')) return false;
  }
  return false;
}

function onlyPolitenessAfter(tokens: readonly Token[], index: number): boolean {
  return tokens.slice(index + 1).every((t) => has(t, 'polite', 'greeting', 'filler') && !isStop(t));
}

/** Only greetings, politeness, fillers, articles or "real" words come before `index`. */
function isClauseInitial(tokens: readonly Token[], index: number): boolean {
  for (let k = 0; k < index; k++) {
    const t = tokens[k];
    if (isStop(t) || !has(t, 'greeting', 'polite', 'filler', 'article', 'real')) return false;
  }
  return true;
}

const PRESENCE_OPENERS = new Set([
  'is', 'are', 'zijn', 'ist', 'gibt', 'y', 'any', 'anyone', 'anybody', 'iemand', 'someone',
  'somebody', 'niemand', 'nobody', 'quelquun', 'jemand', 'is er', 'zit er',
]);

const OBJECT_PRONOUNS = new Set(['me', 'mij', 'us', 'ons', 'mich', 'moi', 'mir', 'sie']);

function opensAsPresenceQuestion(tokens: readonly Token[]): boolean {
  let k = 0;
  while (k < tokens.length && has(tokens[k], 'greeting', 'polite') && !isTarget(tokens[k])) k++;
  const first = tokens[k];
  return first !== undefined && (PRESENCE_OPENERS.has(first.text) || isTarget(first) || has(first, 'real'));
}

// ---------------------------------------------------------------------------------------
// Targets: is the person in this position someone to talk to?

type TargetVerdict = 'ok' | 'weak' | 'blocked' | 'none';

/**
 * What stands before the person at `t`: a third-party possessive ("mijn man", "my agent")
 * or the customer describing themself ("ik ben (zelf) medewerker", "als verkoper").
 */
function blockerBefore(tokens: readonly Token[], t: number): 'possessive' | 'self' | null {
  let k = t - 1;
  let skipped = 0;
  let unknownSkipped = 0;
  while (k >= 0 && skipped < 3) {
    const tok = tokens[k];
    if (has(tok, 'possessive', 'self')) break;
    if (has(tok, 'real', 'article', 'filler') && !isStop(tok)) {
      skipped++;
      k--;
      continue;
    }
    if (isUnknown(tok) && unknownSkipped === 0) {
      unknownSkipped++;
      skipped++;
      k--;
      continue;
    }
    return null;
  }
  const before = tokens[k];
  if (before === undefined) return null;
  if (has(before, 'possessive')) return 'possessive';
  if (has(before, 'self') && !(before.text === 'als' && skipped > 0)) return 'self';
  return null;
}

function isBlockedBefore(tokens: readonly Token[], t: number): boolean {
  return blockerBefore(tokens, t) !== null;
}

interface TargetContext {
  /** Index of the request word or verb the search started from. */
  readonly from: number;
  /** The pattern itself is a contact or hand-over verb ("talk to ..."). */
  readonly viaVerb: boolean;
}

function judgeTarget(tokens: readonly Token[], t: number, ctx: TargetContext): TargetVerdict {
  const target = tokens[t];
  const after = (n: number, ...classes: WordClass[]): boolean => anyIn(tokens, t + 1, t + n, ...classes);
  const realBefore = anyIn(tokens, ctx.from + 1, t - 1, 'real');
  const verbNear =
    ctx.viaVerb ||
    anyIn(tokens, ctx.from, t - 1, 'contact', 'transfer', 'help', 'callback', 'callbackWeak') ||
    anyIn(tokens, t + 1, tokens.length - 1, 'contact', 'transfer', 'help', 'callback', 'callbackWeak');

  if (has(target, 'person')) return isBlockedBefore(tokens, t) ? 'blocked' : 'ok';
  if (has(target, 'someone')) {
    if (after(1, 'else')) return 'blocked';
    if (has(target, 'real') || realBefore || after(2, 'real') || after(4, 'org') || after(2, 'relative') || verbNear) {
      return 'ok';
    }
    return 'weak';
  }
  if (has(target, 'personPlural')) {
    if (isBlockedBefore(tokens, t)) return 'blocked';
    return realBefore || after(1, 'real') ? 'ok' : 'none';
  }
  if (has(target, 'org')) {
    if (isBlockedBefore(tokens, t)) return 'blocked';
    return verbNear ? 'ok' : 'weak';
  }
  return 'none';
}

/**
 * The first target after `from`, reached over gap words only. After a contact verb one
 * unknown word may stand between ("talk to a proper human"); after a request word none
 * ("can I add a person to my account" is not a request for a person).
 */
function scanForTarget(tokens: readonly Token[], from: number, allowUnknown: boolean, maxSpan = 8): number {
  let unknownUsed = allowUnknown ? 0 : 1;
  for (let j = from + 1; j < tokens.length && j <= from + maxSpan; j++) {
    const tok = tokens[j];
    if (isTarget(tok)) return j;
    if (isGap(tok)) continue;
    if (isUnknown(tok) && unknownUsed === 0) {
      unknownUsed++;
      continue;
    }
    return -1;
  }
  return -1;
}

function targetRule(target: Token): HumanRequestRuleId {
  return has(target, 'person', 'personPlural', 'org') ? 'request_person' : 'request_someone';
}

// ---------------------------------------------------------------------------------------
// Questions about the assistant (R05): "ben jij een mens?", "am I talking to a bot?"

const QAB_LOOKAHEAD: readonly WordClass[] = ['article', 'filler', 'preposition', 'pronoun', 'real', 'polite'];

function isQuestionAboutBot(tokens: readonly Token[]): boolean {
  const hasCueBeforeTarget = (t: number): boolean => anyIn(tokens, 0, t - 1, 'cue');
  for (let i = 0; i < tokens.length; i++) {
    const tok = tokens[i];
    if (has(tok, 'qabTalking')) return true;
    if (has(tok, 'qabOpener')) {
      // "wat ben jij?", "who are you?"
      if (tokens.slice(i + 1).every((t) => has(t, 'filler', 'polite') && !isStop(t))) return true;
      for (let j = i + 1; j < tokens.length && j <= i + 4; j++) {
        const next = tokens[j];
        if (has(next, 'person', 'personPlural', 'someone', 'bot', 'botWeak', 'real')) return true;
        if (!has(next, ...QAB_LOOKAHEAD) || has(next, 'cue', 'contact')) break;
      }
    }
    // "een mens of een bot", "a bot or a person"
    if (has(tok, 'alternative')) {
      const left = anyIn(tokens, i - 3, i - 1, 'person', 'personPlural', 'someone', 'real');
      const leftBot = anyIn(tokens, i - 3, i - 1, 'bot', 'botWeak');
      const right = anyIn(tokens, i + 1, i + 3, 'person', 'personPlural', 'someone', 'real');
      const rightBot = anyIn(tokens, i + 1, i + 3, 'bot', 'botWeak');
      if ((left && rightBot) || (leftBot && right)) {
        const firstTarget = tokens.findIndex((t) => has(t, 'person', 'personPlural', 'someone'));
        if (firstTarget < 0 || !hasCueBeforeTarget(firstTarget)) return true;
      }
    }
    // "is there a person typing this?", "zit er een mens achter?"
    if (has(tok, 'qabVerb') && anyIn(tokens, i - 3, i - 1, 'person', 'someone') && opensAsPresenceQuestion(tokens)) {
      return true;
    }
  }
  return false;
}

// ---------------------------------------------------------------------------------------
// Request patterns, one clause at a time

function yes(rule: HumanRequestRuleId, confidence: number, start: number, end: number, negationProof = false): Signal {
  return { polarity: 'yes', rule, confidence, start, end, negationProof };
}

function maybeNo(rule: HumanRequestRuleId, confidence: number, start: number, end: number): Signal {
  return { polarity: 'maybeNo', rule, confidence, start, end };
}

function maybeYes(rule: HumanRequestRuleId, confidence: number, start: number, end: number): Signal {
  return { polarity: 'maybeYes', rule, confidence, start, end };
}

/** "ik wil een medewerker", "mag ik iemand van de klantenservice", "I need a human". */
function requestCuePatterns(tokens: readonly Token[], out: Signal[]): void {
  tokens.forEach((tok, i) => {
    if (!has(tok, 'cue')) return;
    const t = scanForTarget(tokens, i, false);
    if (t < 0) return;
    if (otherVerbAfter(tokens, t)) return;
    const verdict = judgeTarget(tokens, t, { from: i, viaVerb: false });
    if (verdict === 'ok') out.push(yes(targetRule(tokens[t]), has(tokens[t], 'person') ? 0.95 : 0.9, i, t));
    // "ik wil iemand!" may be a request; "ik wil iemand een cadeaubon geven" is not.
    else if (verdict === 'weak' && onlyPolitenessAfter(tokens, t)) out.push(maybeYes('weak_request', 0.55, i, t));
  });
}

/** "talk to a human", "chatten met een medewerker", "speak to manager". */
function contactVerbPatterns(tokens: readonly Token[], out: Signal[]): void {
  tokens.forEach((tok, i) => {
    if (!has(tok, 'contact', 'transfer')) return;
    const t = scanForTarget(tokens, i, true);
    if (t < 0) return;
    const verdict = judgeTarget(tokens, t, { from: i, viaVerb: true });
    if (verdict !== 'ok') return;
    const requested =
      anyIn(tokens, 0, i - 1, 'cue', 'modal', 'polite') ||
      isClauseInitial(tokens, i) ||
      has(tok, 'transfer') ||
      anyIn(tokens, t + 1, tokens.length - 1, 'polite', 'cue', 'cueAfter');
    // Without a request around it, "talk to a person" is as likely a statement or a question
    // about the chat ("wordt deze chat beantwoord door een mens?"): the model decides.
    out.push(requested ? yes('contact_person', 0.93, i, t) : maybeNo('weak_request', 0.6, i, t));
  });
}

/** "kan iemand mij helpen", "can someone call me back", "laat een mens ernaar kijken". */
function someoneHelpPatterns(tokens: readonly Token[], out: Signal[]): void {
  tokens.forEach((tok, i) => {
    if (!has(tok, 'modal')) return;
    let t = i + 1;
    while (t < tokens.length && t <= i + 4 && !isTarget(tokens[t])) {
      if (!has(tokens[t], 'article', 'real', 'pronoun', 'filler', 'modal', 'polite') || isStop(tokens[t])) return;
      t++;
    }
    const target = tokens[t];
    if (!target || !has(target, 'person', 'someone') || has(tokens[t + 1], 'else') || isBlockedBefore(tokens, t)) return;
    for (let k = t + 1; k < tokens.length && k <= t + 7; k++) {
      if (isStop(tokens[k])) return;
      if (has(tokens[k], 'help', 'contact', 'callback', 'callbackWeak', 'transfer')) {
        out.push(yes('someone_help', 0.88, i, k));
        return;
      }
    }
  });
}

/**
 * "is er een medewerker beschikbaar?", "is anyone there?", "is there someone I can speak
 * to?", "iemand die me echt kan helpen", "is er niemand die mij kan helpen?".
 */
function presencePatterns(tokens: readonly Token[], clause: Clause, out: Signal[]): void {
  const opens = opensAsPresenceQuestion(tokens);
  let last = tokens.length - 1;
  while (last > 0 && has(tokens[last], 'polite', 'filler', 'greeting') && !has(tokens[last], 'presence')) last--;

  for (let t = 0; t < tokens.length; t++) {
    const tok = tokens[t];
    if (!has(tok, 'person', 'personPlural', 'someone', 'nobody') || isBlockedBefore(tokens, t) || has(tokens[t + 1], 'else')) {
      continue;
    }
    // (a) ... ends in "there", "beschikbaar", "aanwezig"
    if (opens && last > t && has(tokens[last], 'presence') && !anyIn(tokens, t + 1, last - 1, 'pastContact', 'negator')) {
      out.push(yes('presence_question', 0.85, t, last, true));
      return;
    }
    // (b) a person followed by "die/who/I can" and a verb of helping or talking
    // "who can" is also the start of "who can help me?": here it follows the person.
    const isRelative = (k: number): boolean => has(tokens[k], 'relative', 'whoCanHelp');
    const relativeAt = isRelative(t + 1) ? t + 1 : isRelative(t + 2) ? t + 2 : -1;
    if (relativeAt > 0) {
      const context = opens || isClauseInitial(tokens, t) || anyIn(tokens, 0, t - 1, 'cue');
      for (let k = relativeAt + 1; context && k < tokens.length && k <= relativeAt + 6; k++) {
        if (has(tokens[k], 'pastContact', 'qabVerb')) break;
        if (has(tokens[k], 'help', 'contact', 'callback', 'callbackWeak')) {
          out.push(yes('presence_question', 0.85, t, k, true));
          return;
        }
      }
    }
    // (c) "is er iemand?", "anyone?"
    if (has(tok, 'someone') && t === last && (opens || clause.question) && isClauseInitial(tokens, Math.max(0, t - 2))) {
      out.push(yes('presence_question', 0.8, t, t, true));
      return;
    }
  }
}

/**
 * "Your colleague promised a call back", "bedankt dat u me heeft doorverbonden": a report
 * of the past, unless a request word comes first ("I called yesterday and want a callback").
 */
function isReport(tokens: readonly Token[], i: number): boolean {
  return anyIn(tokens, 0, tokens.length - 1, 'pastContact') && !anyIn(tokens, 0, i - 1, 'cue', 'modal', 'polite');
}

/** "bel me terug", "I want a callback", "kunt u mij bellen". */
function callbackPatterns(tokens: readonly Token[], out: Signal[]): void {
  tokens.forEach((tok, i) => {
    if (has(tok, 'callback', 'callbackWeak', 'transfer') && isReport(tokens, i)) return;
    if (has(tok, 'callback')) {
      out.push(yes('callback', 0.9, i, i));
      return;
    }
    if (has(tok, 'callbackWeak')) {
      // "kunt u mij bellen", "please call me"; not "can the courier call me".
      let k = i - 1;
      while (k >= 0 && !has(tokens[k], 'cue', 'modal', 'polite')) {
        const t = tokens[k];
        if (isUnknown(t) || isStop(t) || !has(t, 'article', 'pronoun', 'filler', 'your', 'person', 'someone', 'org')) return;
        k--;
      }
      const requested = k >= 0 || isClauseInitial(tokens, i) || anyIn(tokens, i + 1, i + 3, 'polite');
      out.push(requested ? yes('callback', 0.85, i, i) : maybeYes('callback', 0.6, i, i));
      return;
    }
    // "bel me maar even terug"
    if ((tok.text === 'bel' || tok.text === 'belt') && OBJECT_PRONOUNS.has(tokens[i + 1]?.text ?? '')) {
      for (let k = i + 2; k < tokens.length && k <= i + 5; k++) {
        if (tokens[k].text === 'terug') {
          out.push(yes('callback', 0.9, i, k));
          return;
        }
      }
    }
  });
}

/** "verbind me door", "kunt u mij doorverbinden", "transfer me", "escalate". */
function transferPatterns(tokens: readonly Token[], out: Signal[]): void {
  tokens.forEach((tok, i) => {
    // "verbind me door", and "stuur me door" where "stuur me" is one request token
    const stemEnd =
      has(tok, 'transferStem') && OBJECT_PRONOUNS.has(tokens[i + 1]?.text ?? '')
        ? i + 1
        : /^(stuur|zet|verbind|schakel) (me|mij)$/.test(tok.text)
          ? i
          : -1;
    if (stemEnd >= 0) {
      for (let k = stemEnd + 1; k < tokens.length && k <= stemEnd + 4; k++) {
        if (has(tokens[k], 'transferParticle')) {
          out.push(yes('transfer', 0.93, i, k));
          return;
        }
      }
      return;
    }
    if (!has(tok, 'transfer') || isReport(tokens, i)) return;
    const escalate = tok.text === 'escalate' || tok.text === 'escaleren';
    const carriesObject = /\b(me|mij|moi)\b/.test(tok.text);
    const objectNear = [-3, -2, -1, 1, 2, 3].some((d) => OBJECT_PRONOUNS.has(tokens[i + d]?.text ?? ''));
    const targetAfter = scanForTarget(tokens, i, true) >= 0;
    const onlyPoliteness = tokens.every((t, k) => k === i || (has(t, 'polite', 'greeting', 'filler', 'article') && !isStop(t)));
    const toThirdParty = has(tokens[i + 1], 'possessive') || (has(tokens[i + 1], 'preposition') && has(tokens[i + 2], 'possessive'));
    if (toThirdParty && !carriesObject) return;
    if (escalate || carriesObject || objectNear || targetAfter || onlyPoliteness) out.push(yes('transfer', 0.93, i, i));
  });
}

/** A clause that is only a person and politeness: "Echt mens graag", "PERSON.", "agent please". */
function keywordClause(tokens: readonly Token[]): boolean {
  const allowed: readonly WordClass[] = [
    'person', 'real', 'article', 'polite', 'greeting', 'filler', 'org', 'your', 'cueAfter', 'contact',
    'preposition',
  ];
  let person = false;
  let someone = false;
  let real = false;
  let plural = false;
  let contact = false;
  for (let t = 0; t < tokens.length; t++) {
    const tok = tokens[t];
    if (has(tok, 'someone') || has(tok, 'personPlural')) {
      if (has(tok, 'someone')) someone = true;
      else plural = true;
      if (has(tok, 'real')) real = true;
      continue;
    }
    if (isStop(tok) || !has(tok, ...allowed)) return false;
    if (has(tok, 'person')) {
      if (isBlockedBefore(tokens, t)) return false;
      person = true;
    }
    if (has(tok, 'real')) real = true;
    if (has(tok, 'contact')) contact = true;
  }
  return person || ((someone || plural) && real) || (someone && contact);
}

/** "ik heb een medewerker nodig", "human needed". */
function cueAfterPatterns(tokens: readonly Token[], out: Signal[]): void {
  tokens.forEach((tok, i) => {
    if (!has(tok, 'cueAfter')) return;
    for (let t = i - 1; t >= 0 && t >= i - 3; t--) {
      if (isTarget(tokens[t])) {
        const verdict = judgeTarget(tokens, t, { from: Math.max(0, t - 3), viaVerb: false });
        if (verdict === 'ok' && has(tokens[t], 'person', 'someone', 'personPlural')) out.push(yes('request_person', 0.9, t, i));
        return;
      }
      if (!isGap(tokens[t])) return;
    }
  });
}

/** "geen robot aub", "I don't want to talk to a bot", "enough with the bot". */
function botRejections(tokens: readonly Token[], out: Signal[], consumed: Set<number>): void {
  const onlyRejection = (n: number, b: number): boolean =>
    tokens.every((t, k) => k === n || k === b || (has(t, 'polite', 'article', 'filler', 'greeting') && !isStop(t)));
  tokens.forEach((tok, n) => {
    if (!has(tok, 'negator', 'botRejector')) return;
    let viaContact = false;
    for (let b = n + 1; b < tokens.length && b <= n + 6; b++) {
      const next = tokens[b];
      if (has(next, 'bot') || (has(next, 'botWeak') && (viaContact || onlyRejection(n, b)))) {
        consumed.add(n);
        out.push(yes('bot_rejected', 0.85, n, b));
        return;
      }
      if (has(next, 'contact', 'preposition')) viaContact = true;
      const between = has(next, 'article', 'preposition', 'pronoun', 'contact', 'cue', 'filler', 'your') && !isStop(next);
      if (!between && !['die', 'deze', 'that', 'this', 'dat', 'weer', 'more', 'meer'].includes(next.text)) return;
    }
  });
}

/** "wie kan mij helpen", "who can I talk to", "met wie kan ik spreken". */
function whoCanHelpPatterns(tokens: readonly Token[], out: Signal[]): void {
  tokens.forEach((tok, i) => {
    if (!has(tok, 'whoCanHelp')) return;
    for (let k = i + 1; k < tokens.length && k <= i + 6; k++) {
      if (has(tokens[k], 'contact', 'callback', 'callbackWeak')) {
        out.push(yes('who_can_help', 0.85, i, k));
        return;
      }
      if (has(tokens[k], 'help')) {
        out.push(maybeYes('who_can_help', 0.6, i, k));
        return;
      }
    }
  });
}

// ---------------------------------------------------------------------------------------
// Negation

/**
 * A negation before a pattern turns it into a refusal: "ik hoef geen medewerker",
 * "I don't want to talk to anyone", "niet doorverbinden". The scope ends at a new subject
 * ("this isn't helping, I need someone") or after four words before the pattern.
 */
function negatedBy(tokens: readonly Token[], signal: Signal, negators: readonly number[]): boolean {
  for (const n of negators) {
    if (n > signal.end || n < signal.start - 4) continue;
    if (n >= signal.start) return true;
    if (!anyIn(tokens, n + 1, signal.start - 1, 'subject')) return true;
  }
  if (anyIn(tokens, signal.end + 1, signal.end + 3, 'negatorAfter')) return true;
  // Dutch and German put "niet"/"nicht" last: "bel me alsjeblieft niet".
  for (let k = signal.end + 1; k < tokens.length && k <= signal.end + 3; k++) {
    if (['niet', 'nicht', 'not'].includes(tokens[k].text)) {
      return tokens.slice(k + 1).every((t) => has(t, 'polite', 'filler', 'greeting') && !isStop(t));
    }
  }
  return false;
}

// ---------------------------------------------------------------------------------------
// One clause

function analyseClause(clause: Clause): ClauseResult {
  const { tokens } = clause;
  const questionAboutBot = isQuestionAboutBot(tokens);
  const consumed = new Set<number>();
  const found: Signal[] = [];

  botRejections(tokens, found, consumed);
  requestCuePatterns(tokens, found);
  contactVerbPatterns(tokens, found);
  someoneHelpPatterns(tokens, found);
  presencePatterns(tokens, clause, found);
  callbackPatterns(tokens, found);
  transferPatterns(tokens, found);
  cueAfterPatterns(tokens, found);
  whoCanHelpPatterns(tokens, found);
  if (keywordClause(tokens)) found.push(yes('keyword_in_clause', 0.9, 0, tokens.length - 1));

  const negators = tokens.map((t, i) => (has(t, 'negator') && !consumed.has(i) ? i : -1)).filter((i) => i >= 0);
  const signals: Signal[] = found.map((s) =>
    s.rule !== 'bot_rejected' && !s.negationProof && negatedBy(tokens, s, negators)
      ? { ...s, polarity: 'negated', rule: 'negated', confidence: 0.9 }
      : s,
  );

  const requests = signals.filter((s) => s.polarity === 'yes' || s.polarity === 'maybeYes');
  if (requests.length === 0) signals.push(...mentions(tokens, negators));

  return {
    signals: questionAboutBot ? signals.filter((s) => s.polarity !== 'yes' && s.polarity !== 'maybeYes') : signals,
    questionAboutBot,
    retractAt: tokens.findIndex((t) => has(t, 'retract')),
    frustration: tokens.some((t) => has(t, 'frustration')),
  };
}

/** People, call-backs and hand-overs that are not requested: refused, reported or mentioned. */
function mentions(tokens: readonly Token[], negators: readonly number[]): Signal[] {
  const out: Signal[] = [];
  tokens.forEach((tok, t) => {
    const negated = negators.some((n) => n < t && n >= t - 6 && !anyIn(tokens, n + 1, t - 1, 'subject'));
    if (has(tok, 'callback', 'callbackWeak', 'transfer', 'transferStem')) {
      if (negated) out.push({ polarity: 'negated', rule: 'negated', confidence: 0.9, start: t, end: t });
      return;
    }
    if (has(tok, 'nonTarget')) {
      out.push({ polarity: 'mention', rule: 'mention', confidence: 0.9, start: t, end: t });
      return;
    }
    if (!isTarget(tok)) return;
    if (negated || (has(tok, 'nobody') && anyIn(tokens, 0, tokens.length - 1, 'contact', 'cue'))) {
      out.push({ polarity: 'negated', rule: 'negated', confidence: 0.9, start: t, end: t });
      return;
    }
    const reported = anyIn(tokens, 0, tokens.length - 1, 'pastContact');
    if (has(tok, 'person') && !isBlockedBefore(tokens, t) && !reported) {
      out.push({ polarity: 'maybeNo', rule: 'bare_person_mention', confidence: 0.6, start: t, end: t });
      return;
    }
    out.push({ polarity: 'mention', rule: 'mention', confidence: 0.9, start: t, end: t });
  });
  return out;
}

// ---------------------------------------------------------------------------------------
// The whole message

/** The whole message is a keyword: "MENS", "medewerker aub", "human please", "AGENT!". */
function isStandaloneKeyword(clauses: readonly (readonly Token[])[], rawWords: readonly string[]): boolean {
  const tokens = clauses.flat();
  if (tokens.length === 0) return false;
  if (rawWords.some((w) => STANDALONE_KEYWORDS.includes(w))) {
    const rest = tokens.filter((t) => !STANDALONE_KEYWORDS.includes(t.text));
    const onlyPoliteness = rest.every((t) => has(t, 'polite', 'greeting', 'article', 'real', 'filler') && !isStop(t));
    if (onlyPoliteness) return true;
  }
  return keywordClause(tokens);
}

function decision(wantsHuman: boolean, confidence: number, reason: HumanRequestRuleId, uncertain: boolean): HumanRequestDecision {
  return { wantsHuman, confidence, reason, uncertain };
}

function best(signals: readonly Signal[]): Signal {
  return signals.reduce((a, b) => (b.confidence > a.confidence ? b : a));
}

/**
 * Rules only: does this message ask for a person? Deterministic, no I/O, well under a
 * millisecond for a chat message. `locale` ("nl", "en-GB", ...) only resolves words that
 * differ between languages (English "mens" is "men's"); every language is always read.
 */
export function detectHumanRequest(text: string, locale?: string): HumanRequestDecision {
  const rawClauses = splitClauses(typeof text === 'string' ? text : '');
  if (rawClauses.length === 0) return decision(false, 0.99, 'empty', false);

  const clauses: Clause[] = rawClauses.map((c) => ({ tokens: tagWords(c.words, locale), question: c.question }));
  if (isStandaloneKeyword(clauses.map((c) => c.tokens), rawClauses.flatMap((c) => c.words))) {
    return decision(true, 0.98, 'keyword', false);
  }

  // "I'm human, not a bot": the customer describes themself, not the assistant.
  const customerSaysHuman = clauses.some((c) =>
    c.tokens.some((t, i) => has(t, 'person') && blockerBefore(c.tokens, i) === 'self'),
  );
  const results = clauses.map(analyseClause);
  const anyQuestionAboutBot = results.some((r) => r.questionAboutBot);
  const frustration = results.some((r) => r.frustration);
  const all = results.flatMap((r, index) =>
    r.signals
      // "Wat ben jij? Een mens?": a bare "een mens?" answers the question about the bot.
      .filter((s) => !(s.rule === 'keyword_in_clause' && anyQuestionAboutBot && clauses[index].question))
      .filter((s) => !(s.rule === 'bot_rejected' && customerSaysHuman))
      .map((s) => ({ ...s, clause: index })),
  );
  const byPolarity = (p: Polarity): typeof all => all.filter((s) => s.polarity === p);

  const requests = byPolarity('yes');
  if (requests.length > 0) {
    const lastClause = Math.max(...requests.map((s) => s.clause));
    const lastEnd = Math.max(...requests.filter((s) => s.clause === lastClause).map((s) => s.end));
    const retracted = results.some((r, index) =>
      r.retractAt >= 0 && (index > lastClause || (index === lastClause && r.retractAt > lastEnd)),
    );
    if (retracted) return decision(false, 0.6, 'retracted', true);
    const top = best(requests);
    return decision(true, top.confidence, top.rule, false);
  }

  const weak = byPolarity('maybeYes');
  // "Hier heb ik niks aan. Wie kan mij wel helpen?"
  if (frustration && weak.some((s) => s.rule === 'who_can_help')) return decision(true, 0.8, 'who_can_help', false);

  if (byPolarity('negated').length > 0) return decision(false, 0.9, 'negated', false);
  if (weak.length > 0) {
    const top = best(weak);
    return decision(true, top.confidence, top.rule, true);
  }
  if (anyQuestionAboutBot) return decision(false, 0.9, 'question_about_bot', false);
  const unsure = byPolarity('maybeNo');
  if (unsure.length > 0) return decision(false, 0.6, best(unsure).rule, true);
  if (frustration) return decision(false, 0.6, 'frustration', true);
  if (byPolarity('mention').length > 0) return decision(false, 0.9, 'mention', false);
  return decision(false, 0.97, 'no_signal', false);
}
