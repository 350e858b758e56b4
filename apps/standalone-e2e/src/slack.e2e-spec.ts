import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { createEvent } from '@pegamento/contracts';
import { appendToOutbox } from '@pegamento/data-access-bus';
import { startService, type RunningService } from '@pegamento/feature-platform';
import { FakeSlackServer, signedSlackRequest, slackForm, type FakeSlackCall } from '@pegamento/handoff-feature-slack/testing';
import { standalone } from '@pegamento/standalone-composition';
import { createTestDatabase, eventually, type TestDatabase } from '@pegamento/util-testing';
import { ContractClient, type ConversationShape, type MessageShape } from './support/contract-client';
import { SEED_USERS } from './support/conversation-contract';

/**
 * The Slack app for agents, end to end: the standalone process with SLACK_* set, its Web
 * API calls arriving at a local server that speaks Slack's methods, and requests to
 * POST /slack/events signed here the way Slack signs them (Bolt verifies on our side).
 */
const SIGNING_SECRET = 'an-e2e-slack-signing-secret-0123456789';
const BOT_TOKEN = 'xoxb-e2e-bot-token';
const CHANNEL = 'CAGENTS01';
const TEAM = 'TPEGAMENTO';
/** Slack users: the seed agent (same e-mail), someone without an agent account, someone whose profile hides the e-mail. */
const SANNE = 'USANNE01';
const STRANGER = 'USTRANGER1';
const NO_EMAIL = 'UNOEMAIL01';
const LIMITS = {
  SLACK_SEND_MAX_ATTEMPTS: '5',
  SLACK_SEND_RETRY_BASE_MS: '100',
  SLACK_SEND_RETRY_MAX_MS: '3000',
  SLACK_SEND_POLL_INTERVAL_MS: '50',
  SLACK_SEND_TIMEOUT_MS: '3000',
  SLACK_BODY_LIMIT_BYTES: '16384',
};

interface Opened {
  conversation: ConversationShape;
  token: string;
}

describe('the Slack app for agents (standalone process)', () => {
  let db: TestDatabase;
  let sql: Client;
  let service: RunningService;
  let slack: FakeSlackServer;
  let api: ContractClient;
  let adminToken: string;
  let sanneName: string;
  let nextEvent = 0;

  beforeAll(async () => {
    db = await createTestDatabase();
    slack = await FakeSlackServer.start();
    slack.addUser({ id: SANNE, email: SEED_USERS.SEED_AGENT_EMAIL.toUpperCase(), realName: 'Sanne in Slack' });
    slack.addUser({ id: STRANGER, email: 'stranger@example.test' });
    slack.addUser({ id: NO_EMAIL });
    service = await startService(standalone, {
      LOG_LEVEL: 'silent',
      PORT: '0',
      DATABASE_URL: db.url,
      JWT_SECRET: 'a-slack-e2e-secret-long-enough-for-hs256',
      ...SEED_USERS,
      SLACK_SIGNING_SECRET: SIGNING_SECRET,
      SLACK_BOT_TOKEN: BOT_TOKEN,
      SLACK_AGENT_CHANNEL: CHANNEL,
      SLACK_API_URL: slack.apiUrl,
      ...LIMITS,
    });
    api = new ContractClient(service.url);
    sql = new Client({ connectionString: db.url });
    await sql.connect();
    const login = await api.request<{ accessToken: string }>('POST', '/api/v1/auth/login', {
      json: { email: SEED_USERS.SEED_ADMIN_EMAIL, password: SEED_USERS.SEED_ADMIN_PASSWORD },
    });
    expect(login.status).toBe(200);
    adminToken = login.body.accessToken;
    const { rows } = await sql.query<{ display_name: string }>(`SELECT display_name FROM users WHERE email = $1`, [SEED_USERS.SEED_AGENT_EMAIL]);
    sanneName = rows[0]!.display_name;
  }, 120_000);

  afterAll(async () => {
    await sql?.end();
    await service?.stop();
    await slack?.stop();
    await db?.drop();
  });

  // ----- the customer's side (contract.md, web chat) -----

  async function open(): Promise<Opened> {
    const r = await api.request<Opened>('POST', '/api/v1/web/conversations', { json: { locale: 'en' } });
    expect(r.status).toBe(201);
    return r.body;
  }

  async function say(c: Opened, text: string): Promise<void> {
    expect((await api.request('POST', `/api/v1/web/conversations/${c.conversation.id}/messages`, { token: c.token, json: { text } })).status).toBe(202);
  }

  async function customerSees(c: Opened): Promise<MessageShape[]> {
    const r = await api.request<{ messages: MessageShape[] }>('GET', `/api/v1/web/conversations/${c.conversation.id}/messages`, { token: c.token });
    expect(r.status).toBe(200);
    return r.body.messages;
  }

  async function status(c: Opened): Promise<ConversationShape['status']> {
    return (await api.request<{ conversation: ConversationShape }>('GET', `/api/v1/web/conversations/${c.conversation.id}`, { token: c.token })).body.conversation.status;
  }

  /** A customer who asks for a person, in words; resolves once the conversation waits for one. */
  async function waitingCustomer(beforeAsking?: (c: Opened) => void): Promise<Opened> {
    const c = await open();
    beforeAsking?.(c);
    await say(c, 'I want to talk to a person please');
    await eventually(async () => (await status(c)) === 'waiting_for_agent', 5_000, 20);
    return c;
  }

  // ----- the fake Slack's side -----

  const blocksOf = (call: FakeSlackCall) => JSON.stringify(call.args['blocks'] ?? []);

  /** The card posted for a conversation (its Claim button carries the conversation id). */
  async function cardOf(c: Opened): Promise<{ ts: string; call: FakeSlackCall }> {
    const call = await eventually(
      async () => slack.accepted('chat.postMessage').find((x) => !x.args['thread_ts'] && blocksOf(x).includes(c.conversation.id)),
      5_000,
      20,
    );
    const ts = await eventually(async () => {
      const { rows } = await sql.query<{ message_ts: string | null }>(`SELECT message_ts FROM slack_threads WHERE conversation_id = $1 ORDER BY created_at DESC LIMIT 1`, [c.conversation.id]);
      return rows[0]?.message_ts ?? undefined;
    });
    return { ts, call };
  }

  const threadPosts = (ts: string) => slack.accepted('chat.postMessage').filter((x) => x.args['thread_ts'] === ts);
  const cardUpdates = (ts: string) => slack.accepted('chat.update').filter((x) => x.args['ts'] === ts);
  const responses = (id: string) => slack.calls.filter((x) => x.method === 'response_url' && x.args['responseId'] === id);

  // ----- requests to POST /slack/events as Slack sends them -----

  interface Signing {
    sign?: boolean;
    secret?: string;
    timestamp?: number;
    retryNum?: number;
  }

  async function postSlack(body: string, contentType: string, signing: Signing = {}): Promise<{ status: number; text: string }> {
    const signed = signedSlackRequest(signing.secret ?? SIGNING_SECRET, body, {
      contentType,
      ...(signing.timestamp !== undefined ? { timestamp: signing.timestamp } : {}),
      ...(signing.retryNum !== undefined ? { retryNum: signing.retryNum } : {}),
    });
    const headers = { ...signed.headers };
    if (signing.sign === false) {
      delete headers['x-slack-signature'];
      delete headers['x-slack-request-timestamp'];
    }
    const response = await fetch(`${service.url}/slack/events`, { method: 'POST', headers, body });
    return { status: response.status, text: await response.text() };
  }

  /** A button press (block_actions) on a message, as Slack posts it; `respondId` names its response_url. */
  function buttonPress(user: string, actionId: string, conversationId: string, messageTs: string, respondId: string): string {
    const payload = {
      type: 'block_actions',
      team: { id: TEAM, domain: 'pegamento' },
      user: { id: user, username: user.toLowerCase(), team_id: TEAM },
      api_app_id: 'APEGAMENTO',
      token: 'legacy-verification-token',
      trigger_id: `${Date.now()}.trigger`,
      container: { type: 'message', message_ts: messageTs, channel_id: CHANNEL, is_ephemeral: false },
      channel: { id: CHANNEL, name: 'agents' },
      message: { type: 'message', ts: messageTs, text: 'card', bot_id: slack.bot.botId },
      response_url: slack.responseUrl(respondId),
      actions: [{ type: 'button', action_id: actionId, block_id: 'pegamento_card', value: conversationId, action_ts: `${Date.now() / 1_000}` }],
    };
    return slackForm({ payload: JSON.stringify(payload) });
  }

  async function press(user: string, actionId: string, c: Opened, messageTs: string, signing: Signing = {}): Promise<{ status: number; respondId: string }> {
    const respondId = `r${++nextEvent}`;
    const r = await postSlack(buttonPress(user, actionId, c.conversation.id, messageTs, respondId), 'application/x-www-form-urlencoded', signing);
    return { status: r.status, respondId };
  }

  /** A message event in a thread of the agents' channel. */
  function threadMessage(user: string, threadTs: string, text: string, extra: Record<string, unknown> = {}): { body: string; eventId: string } {
    nextEvent += 1;
    const eventId = `Ev${String(nextEvent).padStart(8, '0')}`;
    const body = JSON.stringify({
      token: 'legacy-verification-token',
      team_id: TEAM,
      api_app_id: 'APEGAMENTO',
      type: 'event_callback',
      event_id: eventId,
      event_time: Math.floor(Date.now() / 1_000),
      authorizations: [{ team_id: TEAM, user_id: slack.bot.userId, is_bot: true }],
      event: { type: 'message', channel: CHANNEL, channel_type: 'channel', user, text, ts: `${Math.floor(Date.now() / 1_000)}.${String(nextEvent).padStart(6, '0')}`, thread_ts: threadTs, ...extra },
    });
    return { body, eventId };
  }

  /** A customer and the card of their conversation, claimed from Slack by Sanne. */
  async function claimedFromSlack(): Promise<{ c: Opened; ts: string }> {
    const c = await waitingCustomer();
    const { ts } = await cardOf(c);
    expect((await press(SANNE, 'pegamento_claim', c, ts)).status).toBe(200);
    await eventually(async () => (await status(c)) === 'with_agent', 5_000, 20);
    await eventually(async () => threadPosts(ts).some((x) => String(x.args['text']).startsWith('Transcript')), 5_000, 20);
    return { c, ts };
  }

  const agentMessages = async (c: Opened) => (await customerSees(c)).filter((m) => m.author.type === 'agent');

  it('posts one card per request for a person, with channel, language, trigger, waiting time, the summary and a Claim button', async () => {
    const c = await open();
    await say(c, 'What are your opening hours?');
    await eventually(async () => (await customerSees(c)).some((m) => m.author.type === 'ai' && m.direction === 'outbound' && m.aiGenerated), 10_000, 50);
    await say(c, 'I want to talk to a person please');
    await eventually(async () => (await status(c)) === 'waiting_for_agent', 5_000, 20);
    // Asked again while waiting: still one card.
    await say(c, 'a person please, now');

    const { call } = await cardOf(c);
    expect(call.args['channel']).toBe(CHANNEL);
    const blocks = blocksOf(call);
    expect(blocks).toContain('Web chat');
    expect(blocks).toContain('English (en)');
    expect(blocks).toMatch(/\*Trigger\*\\n(The customer asked for a person|The customer pressed)/);
    expect(blocks).toContain('<!date^');
    expect(blocks).toMatch(/\*(AI summary|Summary)\*/);
    expect(blocks).toContain('"action_id":"pegamento_claim"');
    await new Promise((r) => setTimeout(r, 500));
    expect(slack.accepted('chat.postMessage').filter((x) => !x.args['thread_ts'] && blocksOf(x).includes(c.conversation.id))).toHaveLength(1);
    // The console has it too.
    const queue = await api.request<{ queue: { id: string }[] }>('GET', '/api/v1/agent/queue', { token: adminToken });
    expect(queue.body.queue.map((x) => x.id)).toContain(c.conversation.id);
  });

  it("updates the card when a model's summary arrives after it (handoff.summarized)", async () => {
    const c = await open();
    await say(c, 'I want to talk to a person please');
    const { call, ts } = await cardOf(c);
    expect(blocksOf(call)).not.toContain('AI summary');
    // What ai-responder's summary consumer does with a model: the summary, then the event.
    const dataSource = service.app.get(DataSource);
    const [request] = (await dataSource.query(`SELECT id FROM handoff_requests WHERE conversation_id = $1`, [c.conversation.id])) as { id: string }[];
    await dataSource.transaction(async (manager) => {
      await manager.query(`UPDATE handoff_requests SET summary = $2 WHERE id = $1`, [request!.id, 'AI summary: Wants a person about opening hours.']);
      await appendToOutbox(manager, [createEvent('handoff.summarized', { tenantId: 'default', conversationId: c.conversation.id, payload: { handoffId: request!.id, aiWritten: true } })]);
    });
    const update = await eventually(async () => slack.accepted('chat.update').find((x) => x.args['ts'] === ts && blocksOf(x).includes('Wants a person about opening hours.')), 10_000);
    expect(blocksOf(update)).toContain('*AI summary*');
    expect(blocksOf(update)).toContain('"action_id":"pegamento_claim"');
  });

  it('lets a claim from Slack take the conversation, updates the card and posts the audited transcript with AI messages marked', async () => {
    const c = await open();
    await say(c, 'What are your opening hours?');
    await eventually(async () => (await customerSees(c)).some((m) => m.author.type === 'ai' && m.aiGenerated), 10_000, 50);
    await say(c, 'I want to talk to a person please');
    await eventually(async () => (await status(c)) === 'waiting_for_agent', 5_000, 20);
    const { ts } = await cardOf(c);

    const pressed = Date.now();
    const { status: code } = await press(SANNE, 'pegamento_claim', c, ts);
    expect(code).toBe(200);
    expect(Date.now() - pressed).toBeLessThan(3_000);
    await eventually(async () => (await status(c)) === 'with_agent', 5_000, 20);
    const conversation = (await api.request<{ conversation: ConversationShape }>('GET', `/api/v1/web/conversations/${c.conversation.id}`, { token: c.token })).body.conversation;
    expect(conversation.assignedAgent?.displayName).toBe(sanneName);

    const update = await eventually(async () => cardUpdates(ts).find((x) => blocksOf(x).includes(`Claimed by ${sanneName}`)), 5_000, 20);
    expect(blocksOf(update)).not.toContain('pegamento_claim');
    const transcript = await eventually(async () => threadPosts(ts).find((x) => String(x.args['text']).startsWith('Transcript')), 5_000, 20);
    const text = blocksOf(transcript);
    expect(text).toContain('*Customer*: What are your opening hours?');
    expect(text).toContain(':robot_face: *AI assistant* `AI`');
    expect(text).toContain('"action_id":"pegamento_release"');
    expect(text).toContain('"action_id":"pegamento_close"');
    // Audited like a console claim: the transcript read is on the evidence log.
    await eventually(async () => {
      const { rows } = await sql.query(`SELECT 1 FROM audit_log WHERE conversation_id = $1 AND action = 'transcript.read'`, [c.conversation.id]);
      return rows.length > 0;
    }, 5_000, 50);
  });

  it("sends the claiming agent's thread reply to the customer under the agent's name, once, and ignores everyone else", async () => {
    const { c, ts } = await claimedFromSlack();

    const reply = threadMessage(SANNE, ts, 'Hello, this is Sanne &amp; I will help you &lt;now&gt;');
    expect((await postSlack(reply.body, 'application/json')).status).toBe(200);
    const sent = await eventually(async () => (await agentMessages(c))[0], 5_000, 20);
    expect(sent).toMatchObject({ text: 'Hello, this is Sanne & I will help you <now>', aiGenerated: false, author: { type: 'agent', displayName: sanneName } });

    // Slack's retry of the same event (X-Slack-Retry-Num): no second reply.
    expect((await postSlack(reply.body, 'application/json', { retryNum: 1 })).status).toBe(200);
    expect((await postSlack(reply.body, 'application/json', { retryNum: 2 })).status).toBe(200);
    // Someone else in the thread, and the bot's own message: not for the customer.
    expect((await postSlack(threadMessage(STRANGER, ts, 'I am not the agent').body, 'application/json')).status).toBe(200);
    expect((await postSlack(threadMessage(SANNE, ts, 'bot echo', { bot_id: slack.bot.botId, subtype: 'bot_message' }).body, 'application/json')).status).toBe(200);
    const another = threadMessage(SANNE, ts, 'Anything else?');
    expect((await postSlack(another.body, 'application/json')).status).toBe(200);
    await eventually(async () => (await agentMessages(c)).length === 2, 5_000, 20);
    await new Promise((r) => setTimeout(r, 500));
    expect((await agentMessages(c)).map((m) => m.text)).toEqual(['Hello, this is Sanne & I will help you <now>', 'Anything else?']);

    // Longer than the agent API takes (WEB_MESSAGE_MAX_CHARS, 4,000): not sent, and the thread says so.
    expect((await postSlack(threadMessage(SANNE, ts, 'y'.repeat(4_001)).body, 'application/json')).status).toBe(200);
    await eventually(async () => threadPosts(ts).some((x) => /^:warning: Not sent to the customer: it is 4001 characters long; at most 4000/.test(String(x.args['text']))), 5_000, 20);
    expect(await agentMessages(c)).toHaveLength(2);

    // A customer message after the claim goes into the thread.
    await say(c, 'Thanks! My order number is 4711');
    await eventually(async () => threadPosts(ts).some((x) => String(x.args['text']) === 'Customer: Thanks! My order number is 4711'), 5_000, 20);
  });

  it('releases to the AI assistant and closes from the thread, and the card and thread say so', async () => {
    const first = await claimedFromSlack();
    expect((await press(SANNE, 'pegamento_release', first.c, first.ts)).status).toBe(200);
    await eventually(async () => (await status(first.c)) === 'bot', 5_000, 20);
    await eventually(async () => cardUpdates(first.ts).some((x) => blocksOf(x).includes(`Released to the AI assistant by ${sanneName}`)), 5_000, 20);
    await eventually(async () => threadPosts(first.ts).some((x) => String(x.args['text']).includes('released this conversation to the AI assistant')), 5_000, 20);
    // A reply in a released thread no longer reaches the customer, and the thread says why.
    expect((await postSlack(threadMessage(SANNE, first.ts, 'too late').body, 'application/json')).status).toBe(200);
    await eventually(async () => threadPosts(first.ts).some((x) => String(x.args['text']).startsWith(':warning: Not sent to the customer: Claim this conversation first')), 5_000, 20);

    const second = await claimedFromSlack();
    expect((await press(SANNE, 'pegamento_close', second.c, second.ts)).status).toBe(200);
    await eventually(async () => (await status(second.c)) === 'closed', 5_000, 20);
    await eventually(async () => cardUpdates(second.ts).some((x) => blocksOf(x).includes(`Closed by ${sanneName}`)), 5_000, 20);
    await eventually(async () => threadPosts(second.ts).some((x) => String(x.args['text']).includes('closed this conversation')), 5_000, 20);
    await new Promise((r) => setTimeout(r, 300));
    expect((await agentMessages(first.c)).map((m) => m.text)).not.toContain('too late');
  });

  it('refuses a claim by a Slack user without an agent account, and one already claimed by someone else, with an explanation only they see', async () => {
    const c = await waitingCustomer();
    const { ts } = await cardOf(c);

    const stranger = await press(STRANGER, 'pegamento_claim', c, ts);
    expect(stranger.status).toBe(200);
    const explained = await eventually(async () => responses(stranger.respondId)[0], 5_000, 20);
    expect(explained.args).toMatchObject({ response_type: 'ephemeral', replace_original: false });
    expect(String(explained.args['text'])).toMatch(/no active Pegamento agent account/);
    const hidden = await press(NO_EMAIL, 'pegamento_claim', c, ts);
    expect(String((await eventually(async () => responses(hidden.respondId)[0], 5_000, 20)).args['text'])).toMatch(/no e-mail address/);
    expect(await status(c)).toBe('waiting_for_agent');

    // The admin claims in the console; Sanne's claim from Slack then says who has it.
    expect((await api.request('POST', `/api/v1/agent/conversations/${c.conversation.id}/claim`, { token: adminToken })).status).toBe(200);
    const { rows } = await sql.query<{ display_name: string }>(`SELECT display_name FROM users WHERE email = $1`, [SEED_USERS.SEED_ADMIN_EMAIL]);
    const late = await press(SANNE, 'pegamento_claim', c, ts);
    const answer = await eventually(async () => responses(late.respondId)[0], 5_000, 20);
    expect(String(answer.args['text'])).toBe(`Already claimed by ${rows[0]!.display_name}.`);
    // The console's claim shows on the card too.
    await eventually(async () => cardUpdates(ts).some((x) => blocksOf(x).includes(`Claimed by ${rows[0]!.display_name}`)), 5_000, 20);
    const conversation = (await api.request<{ conversation: ConversationShape }>('GET', `/api/v1/web/conversations/${c.conversation.id}`, { token: c.token })).body.conversation;
    expect(conversation.assignedAgent?.displayName).toBe(rows[0]!.display_name);
  });

  it('answers 401 to an unsigned, wrongly signed, stale or future request and changes nothing', async () => {
    const { c, ts } = await claimedFromSlack();
    const waiting = await waitingCustomer();
    const card = await cardOf(waiting);
    const now = Math.floor(Date.now() / 1_000);
    const attempts: [string, Signing][] = [
      ['unsigned', { sign: false }],
      ['wrong signature', { secret: 'not-the-signing-secret-at-all' }],
      ['6 minutes old', { timestamp: now - 6 * 60 }],
      ['6 minutes ahead', { timestamp: now + 6 * 60 }],
    ];
    for (const [, signing] of attempts) {
      expect((await postSlack(threadMessage(SANNE, ts, `forged ${JSON.stringify(signing)}`).body, 'application/json', signing)).status).toBe(401);
      expect((await press(SANNE, 'pegamento_claim', waiting, card.ts, signing)).status).toBe(401);
      const command = slackForm({ command: '/pegamento', text: 'queue', user_id: SANNE, team_id: TEAM, channel_id: CHANNEL, response_url: slack.responseUrl('cmd') });
      expect((await postSlack(command, 'application/x-www-form-urlencoded', signing)).status).toBe(401);
    }
    await new Promise((r) => setTimeout(r, 500));
    expect(await agentMessages(c)).toHaveLength(0);
    expect(await status(waiting)).toBe('waiting_for_agent');
    expect((await sql.query(`SELECT 1 FROM slack_threads WHERE conversation_id = $1 AND state = 'waiting'`, [waiting.conversation.id])).rows).toHaveLength(1);
  });

  it('answers url_verification with the challenge, and a body above SLACK_BODY_LIMIT_BYTES with 413', async () => {
    const r = await postSlack(JSON.stringify({ token: 'legacy', challenge: 'challenge-3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P', type: 'url_verification' }), 'application/json');
    expect(r.status).toBe(200);
    expect(r.text).toContain('challenge-3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P');
    const big = slackForm({ payload: JSON.stringify({ type: 'block_actions', filler: 'x'.repeat(Number(LIMITS.SLACK_BODY_LIMIT_BYTES)) }) });
    expect((await postSlack(big, 'application/x-www-form-urlencoded')).status).toBe(413);
    const bigJson = JSON.stringify({ type: 'event_callback', filler: 'x'.repeat(Number(LIMITS.SLACK_BODY_LIMIT_BYTES)) });
    expect((await postSlack(bigJson, 'application/json')).status).toBe(413);
  });

  it('lists the waiting conversations for /pegamento queue, only to agents', async () => {
    const c = await waitingCustomer();
    const command = (user: string, text: string) =>
      slackForm({ token: 'legacy', team_id: TEAM, channel_id: CHANNEL, user_id: user, command: '/pegamento', text, response_url: slack.responseUrl('cmd'), trigger_id: 't' });
    const r = await postSlack(command(SANNE, 'queue'), 'application/x-www-form-urlencoded');
    expect(r.status).toBe(200);
    const answer = JSON.parse(r.text) as { response_type: string; text: string; blocks: unknown[] };
    expect(answer.response_type).toBe('ephemeral');
    expect(answer.text).toMatch(/waiting for a person/);
    expect(JSON.stringify(answer.blocks)).toContain(c.conversation.id);
    const refused = JSON.parse((await postSlack(command(STRANGER, 'queue'), 'application/x-www-form-urlencoded')).text) as { text: string };
    expect(refused.text).toMatch(/no active Pegamento agent account/);
    const help = JSON.parse((await postSlack(command(SANNE, 'dance'), 'application/x-www-form-urlencoded')).text) as { text: string };
    expect(help.text).toContain('/pegamento queue');
  });

  it('retries a card after 429 (waiting Retry-After) and 5xx, while the console has the handoff all along', async () => {
    const before = slack.calls.length;
    const c = await waitingCustomer((opened) =>
      slack.failNextWhere('chat.postMessage', (args) => JSON.stringify(args['blocks'] ?? []).includes(opened.conversation.id), { status: 429, retryAfterSeconds: 1 }, { status: 503 }, { status: 500 }),
    );
    // The console shows it while Slack refuses.
    const queue = await api.request<{ queue: { id: string }[] }>('GET', '/api/v1/agent/queue', { token: adminToken });
    expect(queue.body.queue.map((x) => x.id)).toContain(c.conversation.id);
    await cardOf(c);
    const posts = slack.calls.slice(before).filter((x) => x.method === 'chat.postMessage' && blocksOf(x).includes(c.conversation.id));
    expect(posts.slice(0, 4).map((x) => x.status)).toEqual([429, 503, 500, 200]);
    // Retry-After: 1 s was waited before the next try.
    expect(posts[1]!.at.getTime() - posts[0]!.at.getTime()).toBeGreaterThanOrEqual(950);
    expect(slack.accepted('chat.postMessage').filter((x) => !x.args['thread_ts'] && blocksOf(x).includes(c.conversation.id))).toHaveLength(1);
  }, 30_000);

  it('waits a long Retry-After only up to SLACK_SEND_RETRY_MAX_MS and gives up after SLACK_SEND_MAX_ATTEMPTS; the agent API still has the handoff', async () => {
    const tries = Number(LIMITS.SLACK_SEND_MAX_ATTEMPTS);
    const before = slack.calls.length;
    const c = await waitingCustomer((opened) =>
      slack.failNextWhere(
        'chat.postMessage',
        (args) => JSON.stringify(args['blocks'] ?? []).includes(opened.conversation.id),
        { status: 429, retryAfterSeconds: 60 },
        ...Array.from({ length: tries - 1 }, () => ({ status: 503 as const })),
      ),
    );
    await eventually(async () => {
      const { rows } = await sql.query<{ state: string }>(`SELECT state FROM slack_posts WHERE conversation_id = $1 AND kind = 'card'`, [c.conversation.id]);
      return rows[0]?.state === 'failed';
    }, 15_000, 100);
    const posts = slack.calls.slice(before).filter((x) => x.method === 'chat.postMessage' && blocksOf(x).includes(c.conversation.id));
    expect(posts.map((x) => x.status)).toEqual([429, ...Array.from({ length: tries - 1 }, () => 503)]);
    expect(posts[1]!.at.getTime() - posts[0]!.at.getTime()).toBeLessThan(Number(LIMITS.SLACK_SEND_RETRY_MAX_MS) + 1_000);
    // The conversation is still in the console's queue and can be claimed there.
    const claimed = await api.request<{ conversation: ConversationShape }>('POST', `/api/v1/agent/conversations/${c.conversation.id}/claim`, { token: adminToken });
    expect(claimed.status).toBe(200);
  }, 30_000);

  it("erases a person's Slack card map, send queue and handled event ids with their conversation, and deletes the bot's posts from Slack", async () => {
    const email = 'erase.me.slack@example.test';
    const r = await api.request<Opened>('POST', '/api/v1/web/conversations', { json: { locale: 'en', email } });
    expect(r.status).toBe(201);
    const c = r.body;
    await say(c, 'I want to talk to a person please');
    await eventually(async () => (await status(c)) === 'waiting_for_agent', 5_000, 20);
    const { ts } = await cardOf(c);
    expect((await press(SANNE, 'pegamento_claim', c, ts)).status).toBe(200);
    await eventually(async () => threadPosts(ts).some((x) => String(x.args['text']).startsWith('Transcript')), 5_000, 20);
    expect((await postSlack(threadMessage(SANNE, ts, 'Hello from Slack').body, 'application/json')).status).toBe(200);
    await eventually(async () => (await agentMessages(c)).length === 1, 5_000, 20);

    // What the bot posted for this conversation: the card and the thread posts, once all are out.
    await eventually(async () => (await sql.query(`SELECT 1 FROM slack_posts WHERE conversation_id = $1 AND state IN ('pending', 'sending')`, [c.conversation.id])).rows.length === 0, 5_000, 50);
    const posted = new Set([ts, ...(await sql.query<{ posted_ts: string }>(`SELECT posted_ts FROM slack_posts WHERE conversation_id = $1 AND posted_ts IS NOT NULL`, [c.conversation.id])).rows.map((x) => x.posted_ts)]);
    expect(posted.size).toBeGreaterThanOrEqual(2);
    const stores = ['slack_threads', 'slack_posts', 'slack_events'];
    const rowsIn = async (table: string) => (await sql.query(`SELECT 1 FROM ${table} WHERE conversation_id = $1`, [c.conversation.id])).rows.length;
    for (const table of stores) expect(await rowsIn(table)).toBeGreaterThan(0);
    const erase = await api.request<{ erased: Record<string, number> }>('POST', '/api/v1/privacy/subjects/erase', { token: adminToken, json: { email } });
    expect(erase.status).toBe(202);
    for (const table of stores) {
      expect(erase.body.erased[table]).toBeGreaterThan(0);
      expect(await rowsIn(table)).toBe(0);
    }
    // Slack's copies go through its API (R20): every message the bot posted is deleted there.
    expect(erase.body.erased['slack_deletions']).toBe(posted.size);
    await eventually(async () => [...posted].every((t) => slack.accepted('chat.delete').some((x) => x.args['ts'] === t && x.args['channel'] === CHANNEL)), 5_000, 50);
    await eventually(async () => (await sql.query(`SELECT 1 FROM slack_deletions`)).rows.length === 0, 5_000, 50);
  });
});
