import { passagesIn, startFakeOpenAi, type FakeChatRequest, type FakeOpenAi } from '@pegamento/ai-responder-data-access-model/testing';
import { AI_SUMMARY_LABEL } from '@pegamento/ai-responder-feature-responder';
import { startService, type RunningService } from '@pegamento/feature-platform';
import { standalone } from '@pegamento/standalone-composition';
import { createTestDatabase, eventually, type TestDatabase } from '@pegamento/util-testing';
import { ContractClient, type ConversationShape, type MessageShape } from './support/contract-client';

/**
 * R17/R18 end to end: a customer writes messages full of personal data; a local server
 * speaking the OpenAI API stands in for the provider and records every request body (chat
 * completions and embeddings). Not one raw value, in any notation, may reach it; the
 * placeholders must; and where the model's answer (or the agent's summary) uses a
 * placeholder, the person reading it sees the real value.
 */

const CONTACT = { name: 'Marieke van der Berg', email: 'marieke.vdberg@example.nl' };

/** What the customer writes; each question also fits an article of the demo knowledge base. */
const MESSAGES = [
  `Hallo, mijn naam is ${CONTACT.name}. Hoe kan ik mijn bestelling retourneren? Mail mij op ${CONTACT.email} of bel 06-12345678.`,
  'Binnen hoeveel werkdagen staat het geld van mijn retour weer op mijn rekening NL91 ABNA 0417 1643 00? Mijn BSN is 1234.56.782.',
  'Kan ik betalen met creditcard 4111 1111 1111 1111? Of bel mij: +31 6 2345 6789 of 020 123 4567.',
  'Wat zijn de verzendkosten en wanneer bezorgen jullie op Kerkstraat 12, 1234 AB Amsterdam? Ik ben geboren op 14-05-1987, mail m.vdberg@werk.example.com of 0031 6 3456 7890.',
];

/** Every raw value, in the forms it could leak in; compared case-insensitively, digits also with separators dropped. */
const RAW_TEXTS = [
  CONTACT.email,
  'm.vdberg@werk.example.com',
  'Marieke',
  'van der Berg',
  'NL91ABNA0417164300',
  'NL91 ABNA 0417 1643 00',
  'Kerkstraat 12',
  '1234 AB',
  '1234AB',
  '14-05-1987',
  '1987-05-14',
];
const RAW_DIGITS = [
  '612345678', // 06-12345678 and +31612345678
  '623456789', // +31 6 2345 6789
  '201234567', // 020 123 4567
  '634567890', // 0031 6 3456 7890
  '0417164300', // the IBAN's account
  '123456782', // the BSN
  '4111111111111111', // the card
  '14051987', // the birth date without separators
];
// A BSN never gets as far as the pseudonymiser: the gateway masks it before storing the message (R16).
const PLACEHOLDER_TYPES = ['NAME', 'EMAIL', 'PHONE', 'IBAN', 'CARD', 'ADDRESS', 'BIRTHDATE'];

/** Runs of digits with the separators people and JSON put between them, as digits only. */
function digitRuns(text: string): string[] {
  return [...text.matchAll(/\d[\d\s().\-/+\\n]*\d/g)].map((m) => m[0].replace(/\D/g, ''));
}

function leaksIn(body: string): string[] {
  const lower = body.toLowerCase();
  const runs = digitRuns(body);
  return [...RAW_TEXTS.filter((raw) => lower.includes(raw.toLowerCase())), ...RAW_DIGITS.filter((raw) => runs.some((run) => run.includes(raw)))];
}

function placeholdersIn(request: FakeChatRequest, type: string): string[] {
  const customerText = request.messages
    .filter((m) => m.role === 'user')
    .map((m) => m.content)
    .join('\n');
  return [...new Set([...customerText.matchAll(new RegExp(`⟨${type}_\\d+⟩`, 'g'))].map((m) => m[0]))];
}

describe('no personal data reaches the model provider (R17, R18)', () => {
  let db: TestDatabase;
  let fake: FakeOpenAi;
  let service: RunningService;
  let api: ContractClient;

  beforeAll(async () => {
    db = await createTestDatabase();
    fake = await startFakeOpenAi({
      behaviour: (request) => {
        if (!request.responseFormat) {
          // The hand-over summary: the model refers to the customer by placeholders only.
          const [name] = placeholdersIn(request, 'NAME');
          const [email] = placeholdersIn(request, 'EMAIL');
          return { text: `De klant ${name ?? '?'} wil een medewerker spreken; mail ${email ?? '?'}.` };
        }
        const [first] = passagesIn(request.messages);
        if (!first) return undefined;
        // An answer that uses the placeholders it was given, as a model following the rule would.
        const last = request.messages.at(-1)!.content;
        const question = /<customer_message>([\s\S]*?)<\/customer_message>/.exec(last)?.[1] ?? '';
        const used = [...new Set([...question.matchAll(/⟨(?:EMAIL|PHONE|IBAN|ADDRESS)_\d+⟩/g)].map((m) => m[0]))];
        return { json: { answer: `Dat kan. We gebruiken ${used.join(' en ') || 'uw gegevens'}.`, used_passage_ids: [first.id], grounded: true, wants_human: false } };
      },
    });
    service = await startService(standalone, {
      LOG_LEVEL: 'silent',
      PORT: '0',
      DATABASE_URL: db.url,
      JWT_SECRET: 'a-privacy-test-secret-long-enough-for-hs256',
      OPENAI_API_KEY: fake.apiKey,
      OPENAI_BASE_URL: fake.baseUrl,
      OPENAI_MODEL: 'test-model',
      OPENAI_EMBEDDING_MODEL: 'test-embedding',
      OPENAI_TIMEOUT_MS: '5000',
      OPENAI_BREAKER_FAILURES: '50',
      SEED_AGENT_EMAIL: 'agent@example.test',
      SEED_AGENT_PASSWORD: 'a long enough agent password',
    });
    api = new ContractClient(service.url);
  });
  afterAll(async () => {
    await service?.stop();
    await fake?.close();
    await db?.drop();
  });

  it('sends only placeholders for every kind of personal data, and restores them for the customer and the agent', async () => {
    const opened = await api.request<{ conversation: ConversationShape; token: string; messages: MessageShape[] }>('POST', '/api/v1/web/conversations', {
      json: { locale: 'nl', ...CONTACT },
    });
    expect(opened.status).toBe(201);
    const { conversation, token } = opened.body;
    const path = `/api/v1/web/conversations/${conversation.id}/messages`;
    const answers: MessageShape[] = [];
    for (const text of MESSAGES) {
      const before = (await api.request<{ messages: MessageShape[] }>('GET', path, { token })).body.messages.filter((m) => m.author.type === 'ai').length;
      expect((await api.request('POST', path, { token, json: { text } })).status).toBe(202);
      answers.push(
        await eventually(async () => {
          const ai = (await api.request<{ messages: MessageShape[] }>('GET', path, { token })).body.messages.filter((m) => m.author.type === 'ai');
          return ai.length > before ? ai.at(-1) : undefined;
        }, 20_000),
      );
    }

    // Every question went to the model (so every message was really tested), with placeholders of every type.
    const answerRequests = fake.chatRequests().filter((r) => r.responseFormat);
    expect(answerRequests.length).toBeGreaterThanOrEqual(MESSAGES.length);
    for (const type of PLACEHOLDER_TYPES) expect({ type, found: answerRequests.flatMap((r) => placeholdersIn(r, type)).length > 0 }).toEqual({ type, found: true });
    expect(JSON.stringify(answerRequests.map((r) => r.messages))).toContain('[BSN verwijderd]');
    // The customer's own name and e-mail, known from the contact, have the first placeholders.
    expect(JSON.stringify(answerRequests[0]!.messages)).toContain('⟨NAME_1⟩');
    expect(JSON.stringify(answerRequests[0]!.messages)).toContain('⟨EMAIL_1⟩');
    // One value keeps its placeholder across turns: the first phone number is ⟨PHONE_1⟩ in the last request's history too.
    expect(answerRequests.at(-1)!.messages.filter((m) => m.role === 'user')[0]!.content).toContain('⟨PHONE_1⟩');

    // Where the model wrote a placeholder, the customer reads the real value.
    expect(answers[0]!.text).toBe(`Dat kan. We gebruiken ${CONTACT.email} en 06-12345678.`);
    expect(answers[1]!.text).toBe('Dat kan. We gebruiken NL91 ABNA 0417 1643 00.');
    expect(answers[3]!.text).toContain('Kerkstraat 12');
    for (const answer of answers) expect(answer.text).not.toMatch(/⟨[A-Z]+_\d+⟩/);

    // A request for a person: the summary prompt is pseudonymised too, and the agent reads the real values.
    await api.request('POST', path, { token, json: { text: 'Ik wil een medewerker spreken.' } });
    const login = await api.request<{ accessToken: string }>('POST', '/api/v1/auth/login', { json: { email: 'agent@example.test', password: 'a long enough agent password' } });
    const view = await eventually(async () => {
      const r = await api.request<{ summary: string | null }>('GET', `/api/v1/agent/conversations/${conversation.id}/messages`, { token: login.body.accessToken });
      return r.body.summary?.startsWith(AI_SUMMARY_LABEL) ? r.body : undefined;
    }, 20_000);
    expect(view.summary).toBe(`${AI_SUMMARY_LABEL}De klant ${CONTACT.name} wil een medewerker spreken; mail ${CONTACT.email}.`);
    const summaryRequest = fake.chatRequests().find((r) => !r.responseFormat)!;
    expect(summaryRequest.messages.at(-1)!.content).toContain('⟨NAME_1⟩');

    // Not one raw value in any request body the provider received: chat completions and embeddings.
    const requests = fake.requests();
    expect(requests.filter((r) => r.path.endsWith('/embeddings')).length).toBeGreaterThan(0);
    const leaks = requests.flatMap((r) => leaksIn(JSON.stringify(r.body)).map((raw) => `${r.path}: ${raw}`));
    expect(leaks).toEqual([]);
  }, 120_000);

  it('finds the leak check itself working: a raw value in a body is reported in any notation', () => {
    expect(leaksIn(JSON.stringify({ input: ['bel +31 6 12 34 56 78'] }))).toEqual(['612345678']);
    expect(leaksIn(JSON.stringify({ content: 'kaart 4111-1111-1111-1111, IBAN nl91abna0417164300' }))).toEqual(['NL91ABNA0417164300', '0417164300', '4111111111111111']);
    expect(leaksIn(JSON.stringify({ content: 'MARIEKE.VDBERG@EXAMPLE.NL' }))).toEqual([CONTACT.email, 'Marieke']);
    expect(leaksIn(JSON.stringify({ content: 'Geboren 14.05.1987; order 2024-118833 voor €12,50' }))).toEqual(['14051987']);
  });
});
