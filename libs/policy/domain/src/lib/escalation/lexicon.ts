/**
 * Word lists for the human-request detector (see human-request-detector.ts for how they
 * are used). Every entry is written in normalised form: lower case, no accents, no
 * apostrophes ("don't" -> "dont", "quelqu'un" -> "quelquun"). An entry with spaces is a
 * phrase and is matched as a whole (longest phrase first).
 *
 * Languages: Dutch and English are the target; German and French are best effort.
 * Add words here, not in the detector; then run the dataset spec
 * (`npm test -- libs/policy/domain/src/lib/escalation`).
 */

export type WordClass =
  /** A single person the customer could talk to ("medewerker", "agent", "human"). */
  | 'person'
  /** Plural people: a mention unless qualified ("echte mensen", "real people"). */
  | 'personPlural'
  | 'someone'
  | 'nobody'
  /** A team or department that is staffed by people ("klantenservice", "support"). */
  | 'org'
  /** "echt", "real", "live", "van vlees en bloed". */
  | 'real'
  /** Words that only mean the assistant ("bot", "chatbot", "AI"). */
  | 'bot'
  /** Words that may mean the assistant or a product ("computer", "robot", "automatisch"). */
  | 'botWeak'
  /** Verbs and phrases of talking to someone ("spreken", "talk", "aan de lijn"). */
  | 'contact'
  /** What a person does for the customer ("helpen", "look at", "understand"). */
  | 'help'
  /** Hand-over verbs ("doorverbinden", "transfer", "connect"). */
  | 'transfer'
  /** Dutch separable hand-over stems used with "door" ("verbind me door"). */
  | 'transferStem'
  | 'transferParticle'
  /** Unambiguous call-back words ("terugbellen", "callback"). */
  | 'callback'
  /** Weaker call-back phrases that need a request around them ("call me", "mij bellen"). */
  | 'callbackWeak'
  /** Marks a request ("ik wil", "mag ik", "can I", "please", "let me"). */
  | 'cue'
  /** Modal verbs that start a "can someone help me" question. */
  | 'modal'
  | 'polite'
  | 'greeting'
  | 'article'
  | 'pronoun'
  /** Pronouns that start a new subject and so end the scope of a negation. */
  | 'subject'
  | 'preposition'
  | 'your'
  | 'filler'
  | 'negator'
  /** "nodig", "needed" after a person: "ik heb een medewerker nodig", "human needed". */
  | 'cueAfter'
  /** "niet nodig", "not needed" after a person. */
  | 'negatorAfter'
  /** Words that end a request ("enough with the bot"): reject the bot. */
  | 'botRejector'
  /** Third-party possessives: "mijn man", "my travel agent", "onze medewerkers". */
  | 'possessive'
  /** The customer describing themselves: "ik ben", "I'm a", "als". */
  | 'self'
  | 'else'
  /** "there", "beschikbaar" at the end of "is anyone there?". */
  | 'presence'
  /** Relative markers after a person: "iemand die ...", "someone who ...", "a human I can ...". */
  | 'relative'
  /** Starts a question about what the assistant is ("ben jij", "are you", "is this"). */
  | 'qabOpener'
  /** "am I talking to", "praat ik met": a question about who answers. */
  | 'qabTalking'
  /** "is there a person typing this", "zit er een mens achter". */
  | 'qabVerb'
  /** "of"/"or" between a person and a bot: "een mens of een bot". */
  | 'alternative'
  /** Past contact: a report, not a request ("gesproken", "spoke to"). */
  | 'pastContact'
  /** "laat maar", "never mind" after a request. */
  | 'retract'
  /** Frustration with the assistant without asking for anyone. */
  | 'frustration'
  /** "who can help me", "met wie kan ik spreken". */
  | 'whoCanHelp'
  /** Phrases in which a person word is not a person to talk to ("human resources"). */
  | 'nonTarget'
  /** Phrases that look like a request but are not one ("do you need a person to sign?"). */
  | 'notRequest';

type Lexicon = Readonly<Record<WordClass, readonly string[]>>;

export const LEXICON: Lexicon = {
  person: [
    // nl
    'medewerker', 'medewerkster', 'mdw', 'mens', 'mensch', 'mns', 'persoon', 'collega',
    'leidinggevende', 'manager', 'baas', 'chef', 'klantenservicemedewerker', 'servicemedewerker',
    'klantenadviseur', 'adviseur', 'telefonist', 'telefoniste',
    // en
    'human', 'human being', 'hooman', 'hoomin', 'person', 'agent', 'operator', 'representative', 'rep',
    'employee', 'supervisor', 'advisor', 'adviser', 'staff', 'staff member', 'member of staff',
    'team member', 'member of your team', 'member of your support team', 'member of the team',
    // de
    'mitarbeiter', 'mitarbeiterin', 'menschen', 'berater', 'beraterin',
    // fr
    'humain', 'etre humain', 'conseiller', 'conseillere', 'operateur', 'operatrice',
  ],
  personPlural: [
    'medewerkers', 'medewerksters', 'mensen', 'personen', 'collegas', 'klantenservicemedewerkers',
    'people', 'humans', 'persons', 'agents', 'employees', 'operators', 'representatives', 'reps',
    'staff members', 'mitarbeitern', 'humains', 'conseillers', 'personnes',
  ],
  someone: [
    'iemand', 'iemant', 'someone', 'somebody', 'some one', 'sum1', 'some1', 'anyone', 'anybody',
    'any one', 'jemand', 'quelquun', 'une personne', 'echt iemand', 'iemand echt',
  ],
  nobody: ['niemand', 'nobody', 'no one', 'noone', 'no body', 'personne'],
  org: [
    'klantenservice', 'klantendienst', 'helpdesk', 'servicedesk', 'support', 'customer service',
    'customer support', 'customer care', 'team', 'support team', 'your team', 'jullie team',
    'service desk', 'kundenservice', 'kundendienst', 'service client', 'service clientele',
  ],
  real: [
    'echt', 'echte', 'echten', 'real', 'reel', 'reall', 'live', 'actual', 'levend', 'levende',
    'van vlees en bloed', 'flesh and blood', 'in person', 'real life', 'vrai', 'vraie', 'reelle',
    'real live', 'proper', 'genuine', 'echt iemand', 'iemand echt',
  ],
  bot: [
    'bot', 'bots', 'chatbot', 'chatbots', 'ai', 'a i', 'ki', 'ia', 'automatische antwoorden',
    'automatisch antwoord', 'automatic replies', 'automated replies', 'virtual assistant',
    'digitale assistent', 'chatgpt', 'chat gpt', 'kunstmatige intelligentie',
    'artificial intelligence',
  ],
  botWeak: [
    'robot', 'robots', 'computer', 'machine', 'machines', 'automaat', 'automatisch', 'automatische',
    'automated', 'automatic', 'assistent', 'assistant', 'algorithm', 'algoritme',
  ],
  contact: [
    // nl
    'spreken', 'spreek', 'praten', 'praat', 'chatten', 'chat', 'bellen', 'bel', 'bespreken',
    'contact', 'in contact', 'contact opnemen', 'aan de lijn', 'aan de telefoon', 'te woord staan',
    'aan de lijn krijgen', 'te spreken krijgen', 'bereiken', 'vragen', 'een woordje', 'have a word',
    'inschakelen', 'raadplegen', 'overleggen', 'benaderen',
    // en
    'talk', 'tlk', 'speak', 'spk', 'call', 'phone', 'ring', 'reach', 'get hold of', 'get in touch',
    'on the line', 'on the phone', 'discuss',
    // de
    'sprechen', 'reden', 'telefonieren', 'anrufen',
    // fr
    'parler', 'discuter', 'appeler', 'joindre',
  ],
  help: [
    'help', 'hulp', 'helpen', 'helpt', 'assist', 'kijken', 'meekijken', 'naar kijken', 'ernaar kijken',
    'look', 'look at', 'look into', 'check', 'nakijken', 'controleren', 'understand', 'understands',
    'begrijpt', 'begrijpen', 'snapt', 'snappen', 'knows', 'weet', 'verstand', 'handle', 'deal with',
    'take over', 'overnemen', 'fix', 'oplossen', 'sort out', 'helfen', 'aider',
  ],
  transfer: [
    'doorverbinden', 'doorschakelen', 'doorsturen', 'doorzetten', 'doorverwijzen', 'door te verbinden',
    'door te sturen', 'door te schakelen', 'door te zetten', 'overdragen', 'transfer', 'connect',
    'escalate', 'escaleren', 'transferred', 'connected', 'doorverbonden', 'doorgeschakeld',
    'doorgestuurd', 'put me through', 'put through', 'forward me', 'hand me over',
    'pass me', 'route me', 'switch me', 'verbinden', 'weiterleiten', 'mettre en relation',
    'mettez moi en relation', 'passez moi', 'transferer',
  ],
  transferStem: ['verbind', 'verbindt', 'stuur', 'stuurt', 'schakel', 'schakelt', 'zet', 'zetten'],
  transferParticle: ['door'],
  callback: [
    'terugbellen', 'terugbelverzoek', 'terugbel', 'bel me terug', 'bel mij terug', 'belt u mij terug',
    'terugbelafspraak', 'belafspraak', 'callback request', 'callback', 'call back', 'call me back', 'ring me back', 'gebeld worden', 'opgebeld worden',
    'teruggebeld worden', 'rappel', 'rappeler', 'zuruckrufen', 'ruckruf',
  ],
  callbackWeak: ['call me', 'ring me', 'mij bellen', 'me bellen', 'mij opbellen', 'mich anrufen', 'me rappeler'],
  cue: [
    // nl
    'wil', 'wilt', 'willen', 'wou', 'zou', 'graag', 'liever', 'wens', 'mag ik', 'kan ik', 'kun ik',
    'kunt u', 'kun je', 'kan je', 'kunnen jullie', 'kunnen we', 'hoe kan ik', 'hoe krijg ik',
    'waar kan ik', 'geef me', 'geef mij', 'laat me', 'laat mij', 'breng me', 'breng mij',
    'kan k', 'mag k', 'wil k', 'eis', 'eisen', 'ik eis', 'ik zei', 'ik vroeg om', 'ik vroeg naar',
    'ik vraag om', 'ik vraag naar', 'zoals ik zei', 'nogmaals', 'kan ik niet', 'doe mij', 'doe me', 'doe maar', 'stuur me', 'stuur mij',
    'is het mogelijk', 'is er een mogelijkheid', 'mogelijk',
    // en
    'want', 'wanna', 'need', 'wish', 'prefer', 'rather', 'id like', 'i would like', 'would like',
    'can i', 'could i', 'may i', 'cn i', 'can u', 'can you', 'could you', 'can we', 'how can i',
    'how do i', 'where can i', 'let me', 'get me', 'give me', 'put me', 'cant i', 'why cant i',
    'i just want', 'lemme', 'gimme', 'is it possible', 'possible', 'ill take', 'i will take',
    'send me', 'take me to', 'get a', 'get an', 'demand', 'insist', 'require', 'i said', 'i asked for',
    'i asked', 'i repeat', 'like i said', 'as i said',
    // de
    'mochte', 'mocht', 'ich will', 'kann ich', 'konnen sie', 'kann man', 'bitte',
    // fr
    'veux', 'voudrais', 'souhaite', 'besoin', 'puis je', 'je peux', 'est ce que je peux',
  ],
  modal: [
    'kan', 'kun', 'kunt', 'kunnen', 'can', 'cn', 'could', 'will', 'would', 'laat', 'let', 'have', 'ask',
    'please', 'wil', 'kann', 'konnen', 'peut', 'pourrait',
  ],
  polite: [
    'aub', 'a u b', 'alsjeblieft', 'alstublieft', 'asjeblieft', 'ajb', 'svp', 'please', 'pls',
    'plz', 'plse', 'pleas', 'plix', 'bitte', 'sil vous plait', 's il vous plait', 'sil te plait', 'graag', 'now', 'nu', 'asap',
    'zsm', 'right now', 'immediately', 'meteen', 'direct', 'nou', 'dan', 'then',
  ],
  greeting: [
    'hallo', 'hello', 'hi', 'hey', 'hoi', 'goedemorgen', 'goedemiddag', 'goedenavond', 'dag',
    'bonjour', 'guten tag', 'moin', 'yo', 'ok', 'oke', 'okay', 'ja', 'yes', 'help', 'sorry', 'thanks',
    'thank you', 'thx', 'bedankt', 'dank je', 'dank u', 'dankje', 'merci', 'danke',
  ],
  article: [
    'een', 'n', 'ne', 'de', 'het', 'a', 'an', 'the', 'ein', 'eine', 'einem', 'einen', 'einer', 'un', 'une',
    'le', 'la', 'l', 'der', 'den', 'dem', 'die', 'some', 'one of your', 'een van jullie',
  ],
  pronoun: [
    'me', 'mij', 'ik', 'i', 'u', 'je', 'jij', 'you', 'we', 'us', 'ons', 'wij', 'dit', 'this', 'it',
    'dat', 'er', 'sie', 'mich', 'mir', 'ich', 'moi', 'nous', 'ya',
  ],
  subject: ['ik', 'i', 'we', 'wij', 'ich', 'je', 'jij', 'you', 'u'],
  preposition: [
    'met', 'with', 'to', 'naar', 'in', 'into', 'aan', 'op', 'on', 'avec', 'mit', 'zu', 'bij', 'van',
    'from', 'of', 'via', 'through', 'for', 'voor',
  ],
  your: ['jullie', 'your', 'uw', 'ur', 'ihr', 'ihrem', 'ihren', 'votre', 'vos'],
  filler: [
    'even', 'ff', 'effe', 'efkes', 'eventjes', 'gewoon', 'maar', 'just', 'nog', 'ook', 'toch', 'actually', 'really',
    'right', 'alleen', 'only', 'rechtstreeks', 'directly', 'mal', 'doch', 'snel', 'quickly', 'kort',
    'wel', 'liefst', 'persoonlijk', 'personally', 'to be', 'be', 'get', 'krijgen', 'te', 'worden',
    'have', 'hebben', 'able', 'gonna', 'gaan', 'ergens', 'zelf', 'eigenlijk',
    'somewhere', 'more', 'meer', 'dus', 'so', 'and', 'en', 'but', 'maar dan', 'om',
    'one', 'een keer', 'once', 'ever', 'weer', 'again', 'please just', 'at least', 'tenminste',
    'ask', 'klagen', 'complain',
  ],
  negator: [
    'geen', 'niet', 'no', 'not', 'dont', 'do not', 'doesnt', 'does not', 'didnt', 'never', 'nooit',
    'hoef', 'hoeft', 'hoeven', 'no need', 'rather not', 'without', 'zonder', 'kein', 'keine',
    'keinen', 'nicht', 'pas', 'pas besoin', 'jamais', 'nee geen', 'not looking', 'no thanks',
  ],
  cueAfter: ['nodig', 'needed', 'required', 'gewenst', 'wanted', 'wanted please', 'benodigd'],
  negatorAfter: [
    'niet nodig', 'not needed', 'not necessary', 'unnecessary', 'hoeft niet', 'is niet nodig',
    'no longer needed', 'nicht notig', 'pas besoin',
  ],
  botRejector: [
    'enough with', 'genoeg met', 'klaar met', 'stop met', 'hou op met', 'houd op met', 'no more',
    'niet weer', 'niet nog een keer', 'weg met', 'sick of', 'tired of', 'done with', 'fed up with',
  ],
  possessive: [
    'mijn', 'mn', 'zn', 'my', 'our', 'onze', 'ons', 'zijn', 'haar', 'his', 'her', 'their', 'hun',
    'mein', 'meine', 'meinem', 'meinen', 'unser', 'unsere', 'mon', 'ma', 'mes', 'notre', 'nos',
  ],
  self: [
    'ik ben', 'ik ben zelf', 'ben zelf', 'ik werk als', 'als', 'im', 'i am', 'i m', 'im a', 'i am a',
    'as a', 'as an', 'work as', 'je suis', 'ich bin', 'ich arbeite als',
  ],
  else: ['anders', 'else', 'other', 'ander', 'andere', 'autre', 'anderes'],
  presence: [
    'there', 'around', 'available', 'online', 'here', 'aanwezig', 'beschikbaar', 'daar', 'hier',
    'in the chat', 'disponible', 'present', 'da', 'erreichbar', 'online now', 'out there',
  ],
  relative: ['die', 'dat', 'who', 'that', 'whom', 'i can', 'ik kan', 'i could', 'we can', 'qui', 'der', 'wo'],
  qabOpener: [
    'ben jij', 'ben je', 'bent u', 'bent je', 'ben ik', 'is dit', 'is dat', 'is het', 'zit hier',
    'zit er', 'zitten er', 'zit daar', 'are you', 'are u', 'r u', 'ru', 'am i', 'is this', 'is that',
    'is it', 'was that', 'was this', 'who is this', 'who are you', 'wie ben', 'wie bent',
    'bist du', 'sind sie', 'bin ich', 'ist das', 'etes vous', 'vous etes', 'es tu', 'tu es',
    'est ce que vous etes', 'est ce un', 'cest un', 'whether you are', 'if you are', 'of je',
    'of jij', 'of u', 'youre not a', 'are these', 'am i chatting', 'is this chat',
  ],
  qabTalking: [
    'am i talking', 'am i chatting', 'am i speaking', 'who am i talking', 'who am i chatting',
    'praat ik', 'chat ik', 'spreek ik', 'met wie praat', 'met wie chat', 'met wie spreek',
    'ben ik aan het praten', 'ben ik aan het chatten', 'spreche ich', 'mit wem',
  ],
  qabVerb: ['typing', 'typt', 'typ', 'typen', 'writing', 'schrijft', 'answering', 'antwoordt', 'behind', 'achter'],
  alternative: ['of', 'or', 'oder', 'ou', 'vs', 'versus'],
  pastContact: [
    'gesproken', 'gebeld', 'gechat', 'gepraat', 'spoke', 'spoken', 'talked', 'chatted', 'called',
    'contact gehad', 'had contact', 'gesprochen', 'telefoniert', 'was', 'were', 'heeft', 'had',
    'delivered', 'bezorgd', 'afgeleverd', 'zei', 'said', 'told', 'hung up', 'ophing',
  ],
  retract: [
    'laat maar', 'laat ook maar', 'never mind', 'nevermind', 'nvm', 'forget it', 'toch niet',
    'vergeet het', 'al gelukt', 'het is al gelukt', 'al opgelost', 'its solved', 'not anymore',
    'hoeft niet meer', 'no longer needed', 'ignore that', 'laat zitten',
  ],
  frustration: [
    'useless', 'nutteloos', 'waardeloos', 'helpt niet', 'helpt me niet', 'not helping',
    'isnt helping', 'doesnt help', 'not helpful', 'doesnt understand', 'dont understand',
    'snapt me niet', 'snapt het niet', 'snap je niet', 'begrijpt me niet', 'begrijp je niet',
    'begrijpt het niet', 'stupid', 'dom', 'heb ik niks aan', 'heb ik niets aan', 'pointless',
    'waste of time', 'zinloos', 'youre not helping', 'je helpt niet', 'kom er niet uit',
    'kom er met', 'werkt niet mee', 'going in circles', 'rondjes',
  ],
  whoCanHelp: [
    'wie kan mij', 'wie kan me', 'who can', 'who could', 'wie kan ik', 'met wie kan ik', 'who can i',
    'who do i', 'who should i', 'wer kann', 'qui peut',
  ],
  nonTarget: [
    'human resources', 'human rights', 'human error', 'human body', 'human nature', 'human hair',
    'human readable', 'real estate agent', 'travel agent', 'reisagent', 'estate agent', 'real estate', 'cleaning agent',
    'active agent', 'secret agent', 'insurance agent', 'customs agent', 'shipping agent',
    'booking agent', 'free agent', 'chemical agent', 'bleaching agent', 'foaming agent',
    'delivery person', 'delivery guy', 'delivery man', 'delivery agent', 'contact person',
    'people person', 'call me maybe', 'agent orange', 'user agent', 'mens sana', 'persona', 'personal', 'persoonlijke',
    'persoonsgegevens', 'personeelsdienst', 'personeel', 'staff discount', 'staff only',
  ],
  notRequest: [
    'do you need', 'do i need', 'does it need', 'does someone need', 'is there a need', 'needs to be',
    'has to be', 'have to be', 'moet er', 'hoeft er', 'moet iemand', 'is it necessary', 'is het nodig',
  ],
};

/**
 * Keywords a customer can send alone on SMS or WhatsApp (R29): the whole message, any
 * case, with punctuation and politeness around it. Every `person` word counts as well.
 */
export const STANDALONE_KEYWORDS: readonly string[] = [
  'mens', 'medewerker', 'human', 'agent', 'operator', 'person', 'persoon', 'representative',
  'escalate', 'doorverbinden', 'mitarbeiter', 'conseiller', 'humain',
];

/**
 * Words that are a person in one language and something else in another. When the
 * caller knows the locale, these are not people in that language (English "mens" is
 * "men's": "mens shoes"). The standalone keywords still work.
 */
export const LOCALE_EXCLUSIONS: Readonly<Record<string, readonly string[]>> = {
  en: ['mens', 'mns'],
};

/**
 * Real words that look like typos of a key word and must never be corrected to it
 * (fuzzy matching only runs on words that are not in the lexicon nor in this list).
 */
export const NOT_TYPOS: readonly string[] = [
  'menu', 'mes', 'men', 'man', 'mans', 'maan', 'meng', 'mend', 'menen', 'meewerken', 'medewerking',
  'agenda', 'argent', 'urgent', 'agency', 'agent', 'persona', 'prison', 'parson', 'poison',
  'humor', 'humid', 'humane', 'humour', 'hunan', 'summan', 'woman', 'roman', 'human',
  'speck', 'spek', 'spark', 'spear', 'steak', 'sneak', 'break', 'freak', 'speed', 'spread',
  'wont', 'went', 'wand', 'warm', 'walk', 'tall', 'tale', 'task', 'tank', 'talks',
  'operate', 'operated', 'operation', 'collect', 'connected', 'correct', 'content', 'contract',
  'iemands', 'niemand', 'pleasure', 'pleased', 'release', 'police', 'palace', 'places',
  'persoonlijk', 'personeel', 'personal', 'personen', 'personne', 'reps', 'repo', 'reply',
  'manage', 'managed', 'managing', 'spreek', 'spreekt', 'sprak', 'praat', 'graad', 'grap',
  'anymore', 'anyway', 'anywhere', 'someday', 'somehow', 'sometime', 'something', 'somewhere',
  'collegas', 'college', 'employer', 'employed', 'supervise', 'advise', 'advice',
  'transfers', 'transport', 'robert', 'mess', 'mest', 'mensa',
];
