import {
  detectHumanRequest,
  detectHumanRequestWithModel,
  HUMAN_REQUEST_RULE_IDS,
  MODEL_OVERRULE_YES_CONFIDENCE,
  type HumanRequestModel,
} from './index';
import { LEXICON, STANDALONE_KEYWORDS } from './lexicon';
import { collapseRuns, editDistance, normaliseText, splitClauses, toWords } from './text-normalisation';

type Case = [name: string, text: string, locale: string];

const asksForAPerson: Case[] = [
  // direct
  ['"mag ik een medewerker"', 'mag ik een medewerker', 'nl'],
  ['"medewerker aub"', 'medewerker aub', 'nl'],
  ['"ik wil een mens spreken"', 'ik wil een mens spreken', 'nl'],
  ['"can I speak to an agent"', 'can I speak to an agent', 'en'],
  ['"human please"', 'human please', 'en'],
  ['"operator"', 'operator', 'en'],
  ['"Kunt u mij doorverbinden met een medewerker?"', 'Kunt u mij doorverbinden met een medewerker?', 'nl'],
  ['"I\'d like to speak with a representative"', "I'd like to speak with a representative", 'en'],
  ['"kan ik niet gewoon een mens spreken?" (rhetorical negation)', 'kan ik niet gewoon een mens spreken?', 'nl'],
  ['"why can\'t I talk to a person"', "why can't I talk to a person", 'en'],
  ['"ik heb een medewerker nodig"', 'ik heb een medewerker nodig', 'nl'],
  // indirect
  ['"ik wil met iemand praten"', 'ik wil met iemand praten', 'nl'],
  ['"geen robot aub"', 'geen robot aub', 'nl'],
  ['"kan ik iemand bellen die er verstand van heeft"', 'kan ik iemand bellen die er verstand van heeft', 'nl'],
  ['"can I talk to someone real"', 'can I talk to someone real', 'en'],
  ['"are there any real people there? let me talk to one"', 'are there any real people there? let me talk to one', 'en'],
  ['"stop, I want a human"', 'stop, I want a human', 'en'],
  ['"verbind me door"', 'verbind me door', 'nl'],
  ['"Is er een medewerker beschikbaar?"', 'Is er een medewerker beschikbaar?', 'nl'],
  ['"Is er niemand die mij kan helpen?"', 'Is er niemand die mij kan helpen?', 'nl'],
  ['"kan iemand mij terugbellen"', 'kan iemand mij terugbellen', 'nl'],
  ['"please have someone call me back"', 'please have someone call me back', 'en'],
  ['"I don\'t want to talk to a bot"', "I don't want to talk to a bot", 'en'],
  ['"Is this a bot? If so I want a person" (question, then a request)', 'Is this a bot? If so I want a person', 'en'],
  ['"The agent who delivered my parcel was rude. I want to speak to a manager."', 'The agent who delivered my parcel was rude. I want to speak to a manager.', 'en'],
  // typos and informal writing
  ['"medwerker"', 'medwerker', 'nl'],
  ['"ik wil een mensch spreken"', 'ik wil een mensch spreken', 'nl'],
  ['"ik wil een mensssss"', 'ik wil een mensssss', 'nl'],
  ['"humam"', 'humam', 'en'],
  ['"agnet"', 'agnet', 'en'],
  ['"speak to agnet plz"', 'speak to agnet plz', 'en'],
  ['"cn i tlk to sum1 real"', 'cn i tlk to sum1 real', 'en'],
  ['"TALK TO A HUMAN NOW"', 'TALK TO A HUMAN NOW', 'en'],
  ['"hallo?? MENS AUB 😭"', 'hallo?? MENS AUB 😭', 'nl'],
  ['"human pls 🙏"', 'human pls 🙏', 'en'],
  ['"doorverbnden met medewerker"', 'doorverbnden met medewerker', 'nl'],
  // SMS / WhatsApp keywords, whole message, any case
  ['"MENS"', 'MENS', 'nl'],
  ['"MEDEWERKER"', 'MEDEWERKER', 'nl'],
  ['"HUMAN"', 'HUMAN', 'en'],
  ['"agent"', 'agent', 'en'],
  ['"Agent!"', 'Agent!', 'en'],
  ['"MENS" with an English locale', 'MENS', 'en'],
  // German and French
  ['"Ich möchte mit einem Mitarbeiter sprechen"', 'Ich möchte mit einem Mitarbeiter sprechen', 'de'],
  ['"je veux parler à un conseiller"', 'je veux parler à un conseiller', 'fr'],
];

const doesNotAskForAPerson: Case[] = [
  // mentions of people and staff
  ['"hoeveel medewerkers hebben jullie"', 'hoeveel medewerkers hebben jullie', 'nl'],
  ['"ik ben zelf reisagent"', 'ik ben zelf reisagent', 'nl'],
  ['"wijzig mijn persoonlijke gegevens"', 'wijzig mijn persoonlijke gegevens', 'nl'],
  ['"mijn man heeft besteld"', 'mijn man heeft besteld', 'nl'],
  ['"human resources"', 'human resources', 'en'],
  ['"personeelsdienst"', 'personeelsdienst', 'nl'],
  ['"my travel agent booked it"', 'my travel agent booked it', 'en'],
  ['"do you have people working on weekends?"', 'do you have people working on weekends?', 'en'],
  ['"the agent who delivered my parcel was rude" (a complaint, not a hand-over)', 'the agent who delivered my parcel was rude', 'en'],
  ['"Ik ben medewerker van de gemeente en wil graag een offerte"', 'Ik ben medewerker van de gemeente en wil graag een offerte', 'nl'],
  ['"Can someone else pick up my order?"', 'Can someone else pick up my order?', 'en'],
  ['"Kan ik een persoon toevoegen aan mijn account?"', 'Kan ik een persoon toevoegen aan mijn account?', 'nl'],
  ['"Do you sell mens shoes?" with an English locale', 'Do you sell mens shoes in size 44?', 'en'],
  ['"Is the cleaning agent in this product safe?"', 'Is the cleaning agent in this product safe?', 'en'],
  ['"Can the courier call me before delivery?"', 'Can the courier call me before delivery?', 'en'],
  ["\"I'm human, not a bot, why is the captcha failing\"", "I'm human, not a bot, why is the captcha failing", 'en'],
  // questions about what the assistant is (R05 answers them truthfully elsewhere)
  ['"is dit een mens of een bot?"', 'is dit een mens of een bot?', 'nl'],
  ['"Ben jij een mens?"', 'Ben jij een mens?', 'nl'],
  ['"are you a human?"', 'are you a human?', 'en'],
  ['"Am I talking to a human or a machine?"', 'Am I talking to a human or a machine?', 'en'],
  ['"Wat ben jij? Een mens?"', 'Wat ben jij? Een mens?', 'nl'],
  // negations
  ['"ik hoef geen medewerker, de bot is prima"', 'ik hoef geen medewerker, de bot is prima', 'nl'],
  ['"no need for a human"', 'no need for a human', 'en'],
  ['"I don\'t want to talk to anyone, just tell me the price"', "I don't want to talk to anyone, just tell me the price", 'en'],
  ['"Niet doorverbinden aub"', 'Niet doorverbinden aub', 'nl'],
  ['"bel me alsjeblieft niet"', 'bel me alsjeblieft niet', 'nl'],
  ['"Don\'t put me through to an agent, I\'m in a meeting"', "Don't put me through to an agent, I'm in a meeting", 'en'],
  // a request taken back
  ['"Can I speak to a human? Nevermind, got it"', 'Can I speak to a human? Nevermind, got it', 'en'],
  // ordinary shop questions
  ['"Waar is mijn pakket?"', 'Waar is mijn pakket?', 'nl'],
  ['"I forgot my password"', 'I forgot my password', 'en'],
  ['"Can I pay by bank transfer?"', 'Can I pay by bank transfer?', 'en'],
  ['"Talk to me about your return policy"', 'Talk to me about your return policy', 'en'],
  ['"STOP" (an SMS opt-out, not a hand-over)', 'STOP', 'en'],
  ['an empty message', '', 'nl'],
  ['only emoji', '🙂👍', 'nl'],
];

describe('detectHumanRequest', () => {
  it.each(asksForAPerson)('hands off when the customer writes %s', (_name, text, locale) => {
    const decision = detectHumanRequest(text, locale);
    expect(decision.wantsHuman).toBe(true);
    expect(decision.uncertain).toBe(false);
  });

  it.each(doesNotAskForAPerson)('does not hand off when the customer writes %s', (_name, text, locale) => {
    expect(detectHumanRequest(text, locale).wantsHuman).toBe(false);
  });

  it('gives a rule id as reason, never customer text', () => {
    const texts = [...asksForAPerson, ...doesNotAskForAPerson].map(([, text]) => text);
    for (const text of texts) {
      const { reason } = detectHumanRequest(text, 'nl');
      expect(HUMAN_REQUEST_RULE_IDS).toContain(reason);
    }
  });

  it('keeps confidence between 0 and 1', () => {
    for (const [, text, locale] of [...asksForAPerson, ...doesNotAskForAPerson]) {
      const { confidence } = detectHumanRequest(text, locale);
      expect(confidence).toBeGreaterThanOrEqual(0);
      expect(confidence).toBeLessThanOrEqual(1);
    }
  });

  it('names the kind of rule that decided', () => {
    expect(detectHumanRequest('MENS', 'nl').reason).toBe('keyword');
    expect(detectHumanRequest('ben jij een mens?', 'nl').reason).toBe('question_about_bot');
    expect(detectHumanRequest('ik hoef geen medewerker', 'nl').reason).toBe('negated');
    expect(detectHumanRequest('geen robot aub', 'nl').reason).toBe('bot_rejected');
    expect(detectHumanRequest('Bel me maar even terug', 'nl').reason).toBe('callback');
    expect(detectHumanRequest('verbind me door', 'nl').reason).toBe('transfer');
    expect(detectHumanRequest('Waar is mijn pakket?', 'nl').reason).toBe('no_signal');
  });

  it('marks a bare mention of staff as uncertain, for a model to settle', () => {
    const decision = detectHumanRequest('De medewerker in de winkel keek raar op', 'nl');
    expect(decision).toMatchObject({ wantsHuman: false, uncertain: true, reason: 'bare_person_mention' });
  });

  it('is deterministic', () => {
    const text = 'kan iemand mij even helpen? de bot begrijpt me niet';
    expect(detectHumanRequest(text, 'nl')).toEqual(detectHumanRequest(text, 'nl'));
  });

  it('reads the request in a long e-mail', () => {
    const mail = `${'Ik heb vorige week een jas besteld en die is nog steeds niet binnen. '.repeat(20)}Ik wil nu graag een medewerker spreken.`;
    expect(detectHumanRequest(mail, 'nl').wantsHuman).toBe(true);
  });

  it('decides a chat message in well under a millisecond', () => {
    const texts = [...asksForAPerson, ...doesNotAskForAPerson].map(([, text]) => text);
    for (const text of texts) detectHumanRequest(text, 'nl'); // warm up
    const cpu = (): number => {
      const usage = process.cpuUsage();
      return (usage.user + usage.system) / 1000;
    };
    const rounds = 20;
    const start = cpu();
    for (let r = 0; r < rounds; r++) for (const text of texts) detectHumanRequest(text, 'nl');
    const perMessage = (cpu() - start) / (rounds * texts.length);
    expect(perMessage).toBeLessThan(1);
  });
});

describe('lexicon', () => {
  it('holds every entry in normalised form, so that it can match', () => {
    const entries = [...Object.values(LEXICON).flat(), ...STANDALONE_KEYWORDS];
    const unreachable = entries.filter((e) => toWords(normaliseText(e)).join(' ') !== e);
    expect(unreachable).toEqual([]);
  });
});

describe('text normalisation', () => {
  it('collapses letter runs of three or more', () => {
    expect(collapseRuns('mensssss')).toBe('mens');
    expect(collapseRuns('medewerkerrr')).toBe('medewerker');
    expect(collapseRuns('meedewerker')).toBe('meedewerker');
  });

  it('measures typos with adjacent transpositions as one edit', () => {
    expect(editDistance('agnet', 'agent', 2)).toBe(1);
    expect(editDistance('medwerker', 'medewerker', 2)).toBe(1);
    expect(editDistance('humam', 'human', 2)).toBe(1);
    expect(editDistance('personeel', 'persoon', 1)).toBe(2); // over the limit: max + 1
  });

  it('splits clauses at punctuation, strips accents and drops emoji', () => {
    expect(splitClauses('Géén robot!! 🙂 ik wil een mens?')).toEqual([
      { words: ['geen', 'robot'], question: false },
      { words: ['ik', 'wil', 'een', 'mens'], question: true },
    ]);
  });
});

function modelAnswering(answer: { wantsHuman: boolean; confidence: number }): HumanRequestModel & { calls: number } {
  const model = {
    calls: 0,
    classify: async (): Promise<{ wantsHuman: boolean; confidence: number }> => {
      model.calls++;
      return answer;
    },
  };
  return model;
}

describe('detectHumanRequestWithModel', () => {
  const uncertainNo = 'De medewerker in de winkel keek raar op'; // bare mention: rules lean "no"
  const uncertainYes = 'ik wil iemand'; // unqualified "someone": rules lean "yes"

  beforeAll(() => {
    expect(detectHumanRequest(uncertainNo, 'nl')).toMatchObject({ uncertain: true, wantsHuman: false });
    expect(detectHumanRequest(uncertainYes, 'nl')).toMatchObject({ uncertain: true, wantsHuman: true });
  });

  it('returns the rule decision when there is no model', async () => {
    await expect(detectHumanRequestWithModel(uncertainNo, 'nl', null)).resolves.toEqual(detectHumanRequest(uncertainNo, 'nl'));
  });

  it('consults the model when the rules are uncertain', async () => {
    const model = modelAnswering({ wantsHuman: true, confidence: 0.9 });
    const decision = await detectHumanRequestWithModel(uncertainNo, 'nl', model);
    expect(model.calls).toBe(1);
    expect(decision).toEqual({ wantsHuman: true, confidence: 0.9, uncertain: false, reason: 'bare_person_mention+model_yes' });
  });

  it('lets a confident model settle an uncertain rule "no"', async () => {
    const decision = await detectHumanRequestWithModel(uncertainNo, 'nl', modelAnswering({ wantsHuman: false, confidence: 0.7 }));
    expect(decision).toMatchObject({ wantsHuman: false, uncertain: false, reason: 'bare_person_mention+model_no' });
  });

  it('does not consult the model when the rules are sure', async () => {
    const model = modelAnswering({ wantsHuman: false, confidence: 1 });
    await detectHumanRequestWithModel('Waar is mijn pakket?', 'nl', model);
    await detectHumanRequestWithModel('is dit een mens of een bot?', 'nl', model);
    expect(model.calls).toBe(0);
  });

  it('never turns a clear rule "yes" into "no"', async () => {
    const model = modelAnswering({ wantsHuman: false, confidence: 1 });
    const decision = await detectHumanRequestWithModel('ik wil een mens spreken', 'nl', model);
    expect(decision.wantsHuman).toBe(true);
    expect(decision.reason).toBe('request_person');
    expect(model.calls).toBe(0);
  });

  it('keeps an uncertain rule "yes" when the model says "no" without enough confidence', async () => {
    const hesitant = modelAnswering({ wantsHuman: false, confidence: MODEL_OVERRULE_YES_CONFIDENCE - 0.1 });
    const decision = await detectHumanRequestWithModel(uncertainYes, 'nl', hesitant);
    expect(decision).toMatchObject({ wantsHuman: true, reason: 'weak_request+model_kept_yes' });
  });

  it('lets a very confident model overrule an uncertain rule "yes"', async () => {
    const sure = modelAnswering({ wantsHuman: false, confidence: 0.95 });
    const decision = await detectHumanRequestWithModel(uncertainYes, 'nl', sure);
    expect(decision).toMatchObject({ wantsHuman: false, uncertain: false, reason: 'weak_request+model_no' });
  });

  it('keeps the rule decision when the model times out', async () => {
    const slow: HumanRequestModel = {
      classify: () => new Promise((resolve) => setTimeout(() => resolve({ wantsHuman: true, confidence: 1 }), 200).unref()),
    };
    const rule = detectHumanRequest(uncertainNo, 'nl');
    const decision = await detectHumanRequestWithModel(uncertainNo, 'nl', slow, 20);
    expect(decision).toEqual({ ...rule, reason: 'bare_person_mention+model_timeout' });
  });

  it('keeps the rule decision when the model fails', async () => {
    const failing: HumanRequestModel = { classify: async () => Promise.reject(new Error('provider down')) };
    const decision = await detectHumanRequestWithModel(uncertainYes, 'nl', failing);
    expect(decision).toMatchObject({ wantsHuman: true, uncertain: true, reason: 'weak_request+model_error' });
  });

  it('keeps the rule decision when the model throws synchronously', async () => {
    const throwing: HumanRequestModel = {
      classify: () => {
        throw new Error('bad config');
      },
    };
    const decision = await detectHumanRequestWithModel(uncertainNo, 'nl', throwing);
    expect(decision).toMatchObject({ wantsHuman: false, reason: 'bare_person_mention+model_error' });
  });

  it('treats a malformed model answer as a failure', async () => {
    const broken = modelAnswering({ wantsHuman: true, confidence: Number.NaN });
    const decision = await detectHumanRequestWithModel(uncertainNo, 'nl', broken);
    expect(decision).toMatchObject({ wantsHuman: false, reason: 'bare_person_mention+model_error' });
  });

  it('passes the text and locale to the model', async () => {
    const seen: [string, string | undefined][] = [];
    const model: HumanRequestModel = {
      classify: async (text, locale) => {
        seen.push([text, locale]);
        return { wantsHuman: false, confidence: 0.9 };
      },
    };
    await detectHumanRequestWithModel(uncertainNo, 'nl-NL', model);
    expect(seen).toEqual([[uncertainNo, 'nl-NL']]);
  });
});
