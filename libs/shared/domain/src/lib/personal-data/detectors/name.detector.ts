import type { PersonalDataFinding } from '../personal-data.types';
import { finding } from './finding';

/**
 * Names the customer gives, found by their cue: no list of names and no statistical model
 * (ADR 0013). A name without a cue ("my wife Sarah" aside) is not found.
 *
 * - strong cues, after which a name may be written in lower case: "mijn naam is", "ik heet",
 *   "naam:", "t.n.v.", "op naam van", "my name is", "name:", "in the name of", "account holder";
 * - weak cues, after which only a capitalised name counts and a word like "Dutch" or
 *   "Happy" never does: "ik ben", "dit is", "met" at the start, "I'm", "I am", "this is",
 *   "it's" at the start, titles (dhr., mevrouw, Mr., Dr.), relations ("mijn man", "my wife"),
 *   "spoke with", "vraag naar";
 * - a name before "hier" / "here" / "speaking" at the start of a message;
 * - a signature: a sign-off ("Met vriendelijke groet", "Groetjes", "Mvg", "Kind regards",
 *   "Thanks", "Cheers", …) followed by a name that ends the line or the message.
 */

const PARTICLES = new Set(['van', 'de', 'der', 'den', 'het', "'t", '’t', 'ter', 'ten', 'te', 'in', 'op', 'von', 'la', 'le', 'du', 'da', 'di', 'del', 'della', 'dos', 'el', 'al', 'bin', 'ibn']);

/** Words that end a lower-case name ("my name is lisa de jong and …"). */
const STOP_WORDS = new Set(
  (
    'en and ik i mijn my maar but heb have has ben am is was are zijn wil want graag please hier here speaking of or uit from met with bij at voor for ' +
    'the a an een dat die dit this that these wat what wie who klant customer u you we wij zij she he hij ze they it het je jij your jouw uw ' +
    'niet not nog still ook also al already verkeerd wrong incorrect gespeld spelled correct goed fout naam name achternaam voornaam surname ' +
    'op on in to naar om about over als as so zo dus thanks bedankt dank sorry ok oke okay ja yes nee no geen hoi hallo hi hello hey dag'
  ).split(' '),
);

/** Capitalised words that are not names (after "I'm", "Ik ben", "This is", …). */
const NOT_NAMES = new Set(
  (
    'ik i mijn my de het een the a an hallo hello hi hoi hey dag goedemorgen goedemiddag goedenavond beste dear ' +
    'maandag dinsdag woensdag donderdag vrijdag zaterdag zondag monday tuesday wednesday thursday friday saturday sunday ' +
    'januari februari maart april mei juni juli augustus september oktober november december january february march may june july august october ' +
    'nederlander nederlandse nederlands belg belgisch belgische duitser duits duitse engels engelse frans franse dutch english german french belgian british american european europeaan ' +
    'happy sorry sure glad not just still very really so here back new fine good ok okay afraid unable able interested wondering writing trying looking waiting calling ' +
    'blij boos benieuwd bezig niet nog al even erg heel zeer klaar teleurgesteld ontevreden tevreden verbaasd bang hier thuis weer opnieuw ' +
    'klant customer student eigenaar owner met vriendelijke groet groeten regards kind best thanks bedankt dank'
  ).split(' '),
);

const CAP_WORD = String.raw`\p{Lu}(?:['’]\p{Lu})?[\p{Ll}\p{M}]+(?:\p{Lu}[\p{Ll}\p{M}]+)?(?:[-'’]\p{L}[\p{Ll}\p{M}]*)*`;
const INITIALS = String.raw`\p{Lu}\.(?:\s?\p{Lu}\.)*`;
const LOWER_WORD = String.raw`[\p{Ll}][\p{Ll}\p{M}'’-]*[\p{Ll}\p{M}]`;
const TITLE = String.raw`(?:(?:dhr|mevr|mw|mr|mrs|ms|dr|drs|ir|prof)\.?|mevrouw|meneer|de\s+heer|miss|mister)\s+`;

type Mode = 'capitalised' | 'any';

interface Span {
  start: number;
  end: number;
}

const TOKEN = new RegExp(String.raw`^(?:(${INITIALS})|(${CAP_WORD})|(${LOWER_WORD}|'t|’t))(?![\p{L}\p{N}])`, 'u');
const TITLE_AT = new RegExp(`^${TITLE}`, 'iu');

/**
 * Reads a name starting at `from` (after spaces, and a title). In 'any' mode a name that
 * starts in lower case may stay in lower case; otherwise every word but a particle is
 * capitalised. Returns null when no name starts there.
 */
function readName(text: string, from: number, mode: Mode): Span | null {
  let i = from;
  i += /^[ \t:]*/u.exec(text.slice(i))![0].length;
  const title = TITLE_AT.exec(text.slice(i));
  if (title) i += title[0].length;
  const start = i;
  let lowerCase: boolean | null = null;
  let end = -1;
  let words = 0;
  for (let tokens = 0; tokens < 6; tokens++) {
    const m = TOKEN.exec(text.slice(i));
    if (!m) break;
    const [whole, initials, capWord, lower] = m;
    const word = whole.toLowerCase();
    if (initials) {
      if (lowerCase) break;
      lowerCase = false;
    } else if (capWord) {
      if (NOT_NAMES.has(word) || (lowerCase && !PARTICLES.has(word))) break;
      if (lowerCase === null) lowerCase = false;
      words++;
      end = i + whole.length;
    } else if (lower) {
      if (PARTICLES.has(word)) {
        if (lowerCase === null && mode === 'capitalised') break;
      } else {
        if (mode === 'capitalised' || lowerCase === false || STOP_WORDS.has(word)) break;
        lowerCase = true;
        words++;
        end = i + whole.length;
      }
    }
    i += whole.length;
    const gap = /^[ \t]+/.exec(text.slice(i));
    if (!gap || gap[0].length > 2) {
      break;
    }
    i += gap[0].length;
  }
  // Initials alone are not a name; initials count when a surname follows ("J.P. de Wit").
  if (words === 0 || end <= start) return null;
  return { start, end };
}

const ANY_CASE_CUES =
  /(?<![\p{L}])(?:mijn\s+(?:voor|achter)?naam\s+is|mijn\s+naam\s*:|ik\s+heet|(?<!\p{L}\s)naam\s*:|op\s+naam\s+van|t\.\s?n\.\s?v\.?|tnv|ten\s+name\s+van|my\s+(?:first\s+|last\s+|sur)?name\s+is|my\s+name['’]s|(?<!\p{L}\s)name\s*:|in\s+the\s+name\s+of\s*:?|account\s+holder\s*:?|name\s+on\s+(?:the\s+)?account\s*:?)(?![\p{L}])/giu;
const CAPITALISED_CUES = new RegExp(
  String.raw`(?<![\p{L}])(?:ik\s+ben|dit\s+is|hier\s+is|(?:u\s+)?spreekt\s+met|heet|gesproken\s+met|vraag\s+naar|(?:mijn\s+)?gegevens\s*:|i['’]m|i\s+am|this\s+is|here\s+is|spoke\s+(?:with|to)|talked\s+(?:with|to)|ask\s+for|name\s+(?:is|was)|attention\s+of|attn\.?\s*:?|details\s*:|` +
    String.raw`(?:mijn|my|onze|our)\s+(?:vriend|vriendin|man|vrouw|partner|zoon|dochter|moeder|vader|broer|zus|zuster|collega|buurman|buurvrouw|husband|wife|son|daughter|mother|father|mum|mom|dad|brother|sister|colleague|friend|neighbour|neighbor|boyfriend|girlfriend)\s*,?` +
    String.raw`|(?<=^|[\n.!?]\s{0,3}|(?:hoi|hallo|hey|hi|hello|goedemorgen|goedemiddag|goedenavond|dag)[,!]?\s{1,3})(?:met|it['’]s))(?![\p{L}])`,
  'giu',
);
const TITLE_CUE = new RegExp(String.raw`(?<![\p{L}])(?=${TITLE}\p{Lu})`, 'giu');
const HERE_AFTER =
  /(?:^|(?:hoi|hallo|hey|hi|hello|goedemorgen|goedemiddag|goedenavond|dag)[,!]?\s+)([^\n,.!?]{2,40}?)\s+(?:hier|here|speaking)(?![\p{L}])/giu;
const SIGN_OFF =
  /(?:^|\n|[.!?,;]\s+)[ \t]*(?:(?:met\s+)?(?:(?:vriendelijke|hartelijke|beste|lieve|warme|zonnige)\s+)?(?:groet(?:en|jes)?|gr\.?|mvg\.?|m\.v\.g\.?|(?:alvast\s+)?bedankt|dank\s+(?:je|u)\s+wel|dankjewel)|(?:kind|best|warm|warmest)\s+regards|regards|best\s+wishes|best|many\s+thanks|thanks(?:\s+again)?|thank\s+you|cheers|(?:yours\s+)?sincerely|yours|all\s+the\s+best)(?![\p{L}])[ \t]*[,!.]?/giu;

function nameFinding(text: string, span: Span): PersonalDataFinding {
  return finding('NAME', text, span.start, span.end, text.slice(span.start, span.end).toLowerCase().replace(/\s+/g, ' '));
}

export function detectNames(text: string): PersonalDataFinding[] {
  const spans: Span[] = [];
  for (const cue of text.matchAll(ANY_CASE_CUES)) {
    const span = readName(text, cue.index + cue[0].length, 'any');
    if (span) spans.push(span);
  }
  for (const cue of text.matchAll(CAPITALISED_CUES)) {
    const span = readName(text, cue.index + cue[0].length, 'capitalised');
    if (span) spans.push(span);
  }
  for (const cue of text.matchAll(TITLE_CUE)) {
    const span = readName(text, cue.index, 'capitalised');
    if (span) spans.push(span);
  }
  for (const m of text.matchAll(HERE_AFTER)) {
    const candidate = m[1]!;
    const offset = m.index + m[0].indexOf(candidate);
    const span = readName(text, offset, 'any');
    // The whole phrase before "hier"/"here" must be the name.
    if (span && span.end === offset + candidate.length && candidate.trim().split(/\s+/).length <= 4) spans.push(span);
  }
  for (const m of text.matchAll(SIGN_OFF)) {
    // The name follows on the same line or the next ones, perhaps after a dash ("– Elif").
    const from = m.index + m[0].length + /^\s*(?:[–—-][ \t]*)?/.exec(text.slice(m.index + m[0].length))![0].length;
    const span = readName(text, from, 'any');
    // A signature's name ends the line or the message.
    if (span && /^[ \t]*[.!]?[ \t]*(?:\n|$)/.test(text.slice(span.end))) spans.push(span);
  }
  const unique = new Map(spans.map((span) => [`${span.start}:${span.end}`, span]));
  return [...unique.values()].sort((a, b) => a.start - b.start).map((span) => nameFinding(text, span));
}
