import type { ConversationBody, MessageBody, WebInfoBody } from '@pegamento/contracts';
import { conversation as conversationOf, message } from '../testing/fixtures';
import { ApiError, type ChatApi, type StartedConversation } from './chat-api';
import { ChatSession, type Credentials, type KeyValueStore, type LiveHandlers } from './chat-session';
import { LIVE_RETRY_MS, TYPING_VISIBLE_MS } from './config';

/** The far side of the contract, in memory: one conversation, clientMessageId de-duplication, failures on demand. */
class FakeApi implements ChatApi {
  conversation$: ConversationBody = conversationOf();
  messages$: MessageBody[] = [message('01')];
  calls: string[] = [];
  failures = new Map<string, ApiError[]>();
  private seq = 1;
  private readonly byClientId = new Map<string, MessageBody>();

  failNext(method: string, error: ApiError): void {
    this.failures.set(method, [...(this.failures.get(method) ?? []), error]);
  }

  /** A message the server stored meanwhile (an agent's reply while the customer was offline). */
  addServerMessage(overrides: Parameters<typeof message>[1] = {}): MessageBody {
    const m = message(String(++this.seq).padStart(2, '0'), overrides);
    this.messages$.push(m);
    return m;
  }

  private check(method: string): void {
    this.calls.push(method);
    const queue = this.failures.get(method);
    const error = queue?.shift();
    if (error) throw error;
  }

  async info(): Promise<WebInfoBody> {
    this.check('info');
    return { locale: 'en', humanRoutes: { phone: null, email: null }, privacyNoticeUrl: '/privacy?lang=en', accessibilityStatementUrl: '/accessibility?lang=en' };
  }

  async start(locale: string): Promise<StartedConversation> {
    this.check(`start:${locale}`);
    this.conversation$ = conversationOf({ locale });
    return { conversation: this.conversation$, token: 'token-1', messages: [...this.messages$] };
  }

  async conversation(): Promise<ConversationBody> {
    this.check('conversation');
    return this.conversation$;
  }

  async messages(_id: string, _token: string, after?: string): Promise<MessageBody[]> {
    this.check(`messages:${after ?? ''}`);
    if (!after) return [...this.messages$];
    const index = this.messages$.findIndex((m) => m.id === after);
    if (index < 0) throw new ApiError(400, 'unknown_message', 'unknown');
    return this.messages$.slice(index + 1);
  }

  async send(_id: string, _token: string, text: string, clientMessageId: string): Promise<MessageBody> {
    const existing = this.byClientId.get(clientMessageId);
    const stored = existing ?? this.addServerMessage({ type: 'customer', text });
    this.byClientId.set(clientMessageId, stored);
    this.check('send');
    return stored;
  }

  async handoff(): Promise<ConversationBody> {
    this.check('handoff');
    this.conversation$ = { ...this.conversation$, status: 'waiting_for_agent', updatedAt: '2026-11-29T10:01:00.000Z' };
    return this.conversation$;
  }

  async flag(_id: string, _token: string, messageId: string): Promise<MessageBody> {
    this.check('flag');
    const m = this.messages$.find((x) => x.id === messageId)!;
    m.flagged = true;
    return { ...m };
  }
}

class MemoryStore implements KeyValueStore {
  readonly map = new Map<string, string>();
  getItem = (key: string) => this.map.get(key) ?? null;
  setItem = (key: string, value: string) => void this.map.set(key, value);
  removeItem = (key: string) => void this.map.delete(key);
}

function setup(store = new MemoryStore(), api = new FakeApi()) {
  const lives: { credentials: Credentials; handlers: LiveHandlers; closed: boolean }[] = [];
  let ids = 0;
  const timers: { callback: () => void; ms: number; cleared: boolean }[] = [];
  const session = new ChatSession({
    api,
    store,
    storageKey: 'chat',
    newId: () => `client-${++ids}`,
    now: () => new Date('2026-11-29T10:00:30.000Z'),
    setTimer: (callback, ms) => {
      const timer = { callback, ms, cleared: false };
      timers.push(timer);
      return timer;
    },
    clearTimer: (handle) => void ((handle as { cleared: boolean }).cleared = true),
    connect: (credentials, handlers) => {
      const live = { credentials, handlers, closed: false };
      lives.push(live);
      return { close: () => void (live.closed = true) };
    },
  });
  const live = () => lives[lives.length - 1]!;
  const flush = () => new Promise((resolve) => setTimeout(resolve, 0));
  return { session, api, store, lives, live, timers, flush };
}

describe('ChatSession', () => {
  it('opens the conversation with the first message, in the language chosen then, and keeps its credential', async () => {
    const { session, api, store, lives } = setup();
    expect(session.getState().conversation).toBeNull();
    await session.send('How do I return an item?', 'en');
    expect(api.calls).toContain('start:en');
    expect(JSON.parse(store.getItem('chat')!)).toEqual({ conversationId: 'c1', token: 'token-1' });
    expect(lives).toHaveLength(1);
    const state = session.getState();
    expect(state.messages.map((m) => m.author.type)).toEqual(['ai', 'customer']);
    expect(state.pending).toEqual([]);
  });

  it('continues the stored conversation after a reload', async () => {
    const first = setup();
    await first.session.send('Hello', 'nl');
    const again = setup(first.store, first.api);
    await again.session.restore();
    expect(again.session.getState().messages.map((m) => m.text)).toEqual(['text 01', 'Hello']);
    expect(again.api.calls.filter((c) => c.startsWith('start'))).toHaveLength(1);
  });

  it('catches up after a network drop with ?after=<last id>, each message once', async () => {
    const { session, api, live, flush } = setup();
    await session.send('Hello', 'en');
    live().handlers.connected();
    await flush();
    live().handlers.disconnected();
    expect(session.getState().connection).toBe('offline');
    const reply = api.addServerMessage({ type: 'agent', name: 'Sanne', text: 'Hi, Sanne here' });
    // The socket delivers it too, after the reconnect's catch-up: still once.
    live().handlers.connected();
    await flush();
    live().handlers.message(reply);
    const state = session.getState();
    expect(state.connection).toBe('online');
    expect(api.calls).toContain(`messages:${state.messages[1]!.id}`);
    expect(state.messages.filter((m) => m.text === 'Hi, Sanne here')).toHaveLength(1);
  });

  it('keeps a failed send visible, and a retry stores one message with the same clientMessageId', async () => {
    const { session, api } = setup();
    await session.send('first', 'en');
    api.failNext('send', new ApiError(0, 'network', 'offline'));
    await session.send('second', 'en');
    expect(session.getState().pending).toEqual([expect.objectContaining({ clientMessageId: 'client-2', text: 'second', status: 'failed' })]);
    expect(session.getState().notice).toMatchObject({ key: 'error.send', tone: 'error' });
    await session.retry('client-2', 'en');
    const state = session.getState();
    expect(state.pending).toEqual([]);
    expect(state.messages.filter((m) => m.text === 'second')).toHaveLength(1);
    expect(api.messages$.filter((m) => m.text === 'second')).toHaveLength(1);
  });

  it('settles a send whose answer was lost when the message shows up on catch-up', async () => {
    const { session, api, live, flush } = setup();
    await session.send('first', 'en');
    // The server stored it, but the answer never arrived.
    api.failNext('send', new ApiError(0, 'network', 'offline'));
    await session.send('lost answer', 'en');
    expect(session.getState().pending).toHaveLength(1);
    live().handlers.connected();
    await flush();
    expect(session.getState().pending).toEqual([]);
    expect(session.getState().messages.filter((m) => m.text === 'lost answer')).toHaveLength(1);
  });

  it('asks for a person at once, opening the conversation if needed', async () => {
    const { session, api } = setup();
    await session.requestPerson('nl');
    expect(api.calls).toEqual(['start:nl', 'handoff']);
    expect(session.getState().conversation?.status).toBe('waiting_for_agent');
    await session.requestPerson('nl');
    expect(session.getState().notice).toMatchObject({ key: 'person.alreadyWaiting' });
  });

  it('flags an AI answer once and says thanks', async () => {
    const { session, api } = setup();
    await session.send('question', 'en');
    const answer = api.addServerMessage({ type: 'ai', text: 'answer' });
    await session.flag(answer.id);
    expect(session.getState().messages.find((m) => m.id === answer.id)?.flagged).toBe(true);
    expect(session.getState().notice).toMatchObject({ key: 'notice.flagThanks', tone: 'info' });
    await session.flag(answer.id);
    expect(api.calls.filter((c) => c === 'flag')).toHaveLength(1);
  });

  it('counts messages of others that arrive while the panel is closed', async () => {
    const { session, api, live, flush } = setup();
    await session.send('question', 'en');
    live().handlers.connected();
    await flush();
    session.setVisible(false);
    live().handlers.message(api.addServerMessage({ type: 'ai' }));
    live().handlers.message(api.addServerMessage({ type: 'system' }));
    expect(session.getState().unread).toBe(2);
    session.setVisible(true);
    expect(session.getState().unread).toBe(0);
  });

  it('shows the assistant typing as text until its answer arrives or the time runs out', async () => {
    const { session, api, live, timers } = setup();
    await session.send('question', 'en');
    live().handlers.typing({ author: { type: 'ai', displayName: 'AI assistant is writing…' } });
    expect(session.getState().typing).toEqual({ text: 'AI assistant is writing…' });
    live().handlers.message(api.addServerMessage({ type: 'ai' }));
    expect(session.getState().typing).toBeNull();
    live().handlers.typing({ author: { type: 'ai', displayName: 'AI assistant is writing…' } });
    const timer = timers[timers.length - 1]!;
    expect(timer.ms).toBe(TYPING_VISIBLE_MS);
    timer.callback();
    expect(session.getState().typing).toBeNull();
  });

  it('forgets a conversation the server no longer opens, and starts a new one on the next message', async () => {
    const first = setup();
    await first.session.send('Hello', 'en');
    const api = first.api;
    api.failNext('conversation', new ApiError(404, 'conversation_not_found', 'gone'));
    const again = setup(first.store, api);
    await again.session.restore();
    expect(again.store.getItem('chat')).toBeNull();
    expect(again.session.getState().notice).toMatchObject({ key: 'error.sessionGone' });
    await again.session.send('Still there?', 'en');
    expect(api.calls.filter((c) => c.startsWith('start'))).toHaveLength(2);
  });

  it('connects again after a refused handshake when the conversation still answers over HTTP', async () => {
    const { session, lives, live, timers, flush } = setup();
    await session.send('Hello', 'en');
    live().handlers.refused('forbidden');
    await flush();
    const retry = timers[timers.length - 1]!;
    expect(retry.ms).toBe(LIVE_RETRY_MS);
    retry.callback();
    expect(lives).toHaveLength(2);
    expect(lives[0]!.closed).toBe(true);
  });

  it('tells the customer to wait when rate limited', async () => {
    const { session, api } = setup();
    api.failNext('handoff', new ApiError(429, 'rate_limited', 'slow down', 12));
    await session.requestPerson('en');
    expect(session.getState().notice).toMatchObject({ key: 'error.rateLimited', params: { seconds: 12 } });
  });
});
