import type { ConversationBody, MessageBody, WebInfoBody } from '@pegamento/contracts';
import type { TextKey } from '../i18n/i18n';
import { ApiError, type ChatApi } from './chat-api';
import { LIVE_RETRY_MS, TYPING_VISIBLE_MS } from './config';
import { lastMessageId, mergeMessages, settlePending, type PendingMessage } from './messages';

/** The conversation's credential, kept in sessionStorage so a reload continues the conversation. */
export interface Credentials {
  conversationId: string;
  token: string;
}

/** What the live connection (socket.io) reports. */
export interface LiveHandlers {
  connected(): void;
  disconnected(): void;
  /** The server refused the handshake ("unauthorized" / "forbidden") and will not be retried by the socket itself. */
  refused(reason: string): void;
  message(message: MessageBody): void;
  conversation(conversation: ConversationBody): void;
  typing(event: { author: { type: string; displayName: string } }): void;
}

export interface LiveConnection {
  close(): void;
}

export type LiveConnector = (credentials: Credentials, handlers: LiveHandlers) => LiveConnection;

/** sessionStorage's shape (a memory map in tests or when storage is blocked). */
export interface KeyValueStore {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

export type Connection = 'none' | 'connecting' | 'online' | 'offline';

export interface Notice {
  key: TextKey;
  params?: Readonly<Record<string, string | number>>;
  tone: 'info' | 'error';
  /** Changes with every notice, so the same text twice is announced twice. */
  serial: number;
}

export interface ChatState {
  conversation: ConversationBody | null;
  /** Confirmed messages, oldest first, each once. */
  messages: readonly MessageBody[];
  /** The customer's messages not confirmed yet (sending or failed). */
  pending: readonly PendingMessage[];
  /** The assistant's "is writing" text as the server sent it ("AI-assistent schrijft…"), or null. */
  typing: { text: string } | null;
  connection: Connection;
  info: WebInfoBody | null;
  notice: Notice | null;
  /** AI answers being flagged right now. */
  flagging: readonly string[];
  /** New messages from others while the panel was closed. */
  unread: number;
}

export interface ChatSessionOptions {
  api: ChatApi;
  connect: LiveConnector;
  store: KeyValueStore;
  storageKey: string;
  newId: () => string;
  now?: () => Date;
  setTimer?: (callback: () => void, ms: number) => unknown;
  clearTimer?: (handle: unknown) => void;
}

const INITIAL: ChatState = {
  conversation: null,
  messages: [],
  pending: [],
  typing: null,
  connection: 'none',
  info: null,
  notice: null,
  flagging: [],
  unread: 0,
};

function parseCredentials(raw: string | null): Credentials | null {
  if (!raw) return null;
  try {
    const value = JSON.parse(raw) as Partial<Credentials>;
    return typeof value.conversationId === 'string' && typeof value.token === 'string' ? { conversationId: value.conversationId, token: value.token } : null;
  } catch {
    return null;
  }
}

/**
 * One customer's web conversation in the browser, free of DOM types (unit-tested in
 * Node). It opens the conversation lazily (the first message or "talk to a person", in
 * the language chosen then), keeps its credential in the store, and follows it live.
 * Nothing is lost or doubled across network drops: messages merge by id; every
 * (re)connect catches up with `GET …/messages?after=<last id>`; a send carries a
 * clientMessageId, so a retry stores one message; a failed send stays with a retry.
 */
export class ChatSession {
  private state: ChatState = INITIAL;
  private readonly listeners = new Set<() => void>();
  private credentials: Credentials | null = null;
  private live: LiveConnection | null = null;
  private starting: Promise<Credentials> | null = null;
  private syncing: Promise<void> | null = null;
  private syncAgain = false;
  private caughtUp = false;
  private visible = false;
  private typingTimer: unknown = null;
  private retryTimer: unknown = null;
  private noticeSerial = 0;
  private disposed = false;
  private readonly now: () => Date;
  private readonly setTimer: (callback: () => void, ms: number) => unknown;
  private readonly clearTimer: (handle: unknown) => void;

  constructor(private readonly options: ChatSessionOptions) {
    this.now = options.now ?? (() => new Date());
    this.setTimer = options.setTimer ?? ((callback, ms) => setTimeout(callback, ms));
    this.clearTimer = options.clearTimer ?? ((handle) => clearTimeout(handle as ReturnType<typeof setTimeout>));
  }

  getState(): ChatState {
    return this.state;
  }

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  get hasConversation(): boolean {
    return this.credentials !== null;
  }

  /** Continues the conversation of this browser tab, if there is one. */
  async restore(): Promise<void> {
    const stored = parseCredentials(this.readStore());
    if (!stored) return;
    this.credentials = stored;
    this.openLive();
    await this.sync();
  }

  /** The organisation's human routes and links (R11, R23, R27), in the UI language. */
  async loadInfo(locale: string): Promise<void> {
    try {
      const info = await this.options.api.info(locale);
      this.update({ info });
    } catch {
      // Without it the intro still offers a person in this chat and the platform's own pages.
    }
  }

  /** The panel is open (messages are read) or closed (new ones count as unread). */
  setVisible(visible: boolean): void {
    this.visible = visible;
    if (visible && this.state.unread > 0) this.update({ unread: 0 });
  }

  async send(text: string, locale: string): Promise<void> {
    const trimmed = text.trim();
    if (!trimmed) return;
    const pending: PendingMessage = { clientMessageId: this.options.newId(), text: trimmed, createdAt: this.now().toISOString(), status: 'sending' };
    this.update({ pending: [...this.state.pending, pending] });
    await this.deliver(pending.clientMessageId, locale);
  }

  /** Sends a failed message again, with the same clientMessageId: the server stores it once. */
  async retry(clientMessageId: string, locale: string): Promise<void> {
    if (!this.state.pending.some((p) => p.clientMessageId === clientMessageId)) return;
    this.setPending(clientMessageId, 'sending');
    await this.deliver(clientMessageId, locale);
  }

  /** "Talk to a person" (R10): opens the conversation if needed, then asks for a person at once. */
  async requestPerson(locale: string): Promise<void> {
    const before = this.state.conversation?.status;
    try {
      const credentials = await this.ensureStarted(locale);
      const conversation = await this.options.api.handoff(credentials.conversationId, credentials.token);
      this.update({ conversation });
      if (before === 'waiting_for_agent') this.notify('person.alreadyWaiting', 'info');
      else if (before === 'with_agent') this.notify('person.alreadyWithAgent', 'info');
    } catch (error) {
      this.fail(error, 'error.handoff');
    }
  }

  /** "This is wrong" on an AI answer (R14). */
  async flag(messageId: string): Promise<void> {
    const credentials = this.credentials;
    if (!credentials || this.state.flagging.includes(messageId)) return;
    if (this.state.messages.find((m) => m.id === messageId)?.flagged) return;
    this.update({ flagging: [...this.state.flagging, messageId] });
    try {
      const message = await this.options.api.flag(credentials.conversationId, credentials.token, messageId);
      this.update({ messages: mergeMessages(this.state.messages, [{ ...message, flagged: true }]) });
      this.notify('notice.flagThanks', 'info');
    } catch (error) {
      this.fail(error, 'error.flag');
    } finally {
      this.update({ flagging: this.state.flagging.filter((id) => id !== messageId) });
    }
  }

  /** Forgets this conversation (a new one starts with the next message, in the language chosen then). */
  reset(): void {
    this.forget();
    this.notify('notice.newConversation', 'info');
  }

  dispose(): void {
    this.disposed = true;
    this.live?.close();
    this.live = null;
    this.clearTimers();
    this.listeners.clear();
  }

  private async ensureStarted(locale: string): Promise<Credentials> {
    if (this.credentials) return this.credentials;
    this.starting ??= (async () => {
      try {
        const started = await this.options.api.start(locale);
        const credentials = { conversationId: started.conversation.id, token: started.token };
        this.credentials = credentials;
        this.writeStore(JSON.stringify(credentials));
        this.update({ conversation: started.conversation, messages: mergeMessages(this.state.messages, started.messages) });
        this.openLive();
        return credentials;
      } finally {
        this.starting = null;
      }
    })();
    return this.starting;
  }

  private async deliver(clientMessageId: string, locale: string): Promise<void> {
    try {
      const credentials = await this.ensureStarted(locale);
      const pending = this.state.pending.find((p) => p.clientMessageId === clientMessageId);
      if (!pending) return;
      const message = await this.options.api.send(credentials.conversationId, credentials.token, pending.text, clientMessageId);
      this.receive([message], { own: clientMessageId });
    } catch (error) {
      this.setPending(clientMessageId, 'failed');
      if (error instanceof ApiError && error.status === 413) this.notify('error.tooLong', 'error');
      else this.fail(error, credentialsError(error) ? 'error.sessionGone' : this.credentials ? 'error.send' : 'error.start');
    }
  }

  private setPending(clientMessageId: string, status: PendingMessage['status']): void {
    this.update({ pending: this.state.pending.map((p) => (p.clientMessageId === clientMessageId ? { ...p, status } : p)) });
  }

  /** Takes in confirmed messages from any path (POST answer, socket, catch-up): once each, in order. */
  private receive(messages: readonly MessageBody[], options: { own?: string } = {}): void {
    const known = new Set(this.state.messages.map((m) => m.id));
    const fresh = messages.filter((m) => !known.has(m.id));
    let pending = this.state.pending;
    if (options.own) pending = pending.filter((p) => p.clientMessageId !== options.own);
    else pending = settlePending(pending, fresh);
    const fromOthers = fresh.filter((m) => m.author.type !== 'customer');
    const unread = this.caughtUp && !this.visible ? this.state.unread + fromOthers.length : this.state.unread;
    const typing = fromOthers.some((m) => m.author.type === 'ai') ? null : this.state.typing;
    if (!typing) this.stopTypingTimer();
    this.update({ messages: mergeMessages(this.state.messages, messages), pending, unread, typing });
  }

  private receiveConversation(conversation: ConversationBody): void {
    const current = this.state.conversation;
    if (current && current.id === conversation.id && current.updatedAt > conversation.updatedAt) return;
    this.update({ conversation });
  }

  /** Catches up over HTTP: the conversation and every message after the newest one the widget has. */
  private sync(): Promise<void> {
    if (this.syncing) {
      this.syncAgain = true;
      return this.syncing;
    }
    this.syncing = (async () => {
      do {
        this.syncAgain = false;
        const credentials = this.credentials;
        if (!credentials) return;
        try {
          const after = lastMessageId(this.state.messages) ?? undefined;
          const [conversation, messages] = await Promise.all([
            this.options.api.conversation(credentials.conversationId, credentials.token),
            this.options.api.messages(credentials.conversationId, credentials.token, after).catch((error: unknown) => {
              // The anchor is gone (erased): fetch everything; merging by id keeps each message once.
              if (error instanceof ApiError && error.code === 'unknown_message') return this.options.api.messages(credentials.conversationId, credentials.token);
              throw error;
            }),
          ]);
          if (this.credentials !== credentials) return;
          this.receiveConversation(conversation);
          this.receive(messages);
          this.caughtUp = true;
        } catch (error) {
          if (credentialsError(error)) {
            this.forget();
            this.notify('error.sessionGone', 'error');
            return;
          }
          // No network: the live connection reconnects by itself and catches up again then.
        }
      } while (this.syncAgain && !this.disposed);
    })().finally(() => {
      this.syncing = null;
    });
    return this.syncing;
  }

  private openLive(): void {
    const credentials = this.credentials;
    if (!credentials || this.disposed) return;
    this.live?.close();
    this.update({ connection: 'connecting' });
    this.live = this.options.connect(credentials, {
      connected: () => {
        if (this.credentials !== credentials) return;
        this.update({ connection: 'online' });
        void this.sync();
      },
      disconnected: () => {
        if (this.credentials === credentials) this.update({ connection: 'offline' });
      },
      refused: () => {
        if (this.credentials !== credentials) return;
        this.update({ connection: 'offline' });
        // A refused handshake can be a lost conversation or a passing server error: HTTP tells which.
        void this.sync().then(() => {
          if (this.credentials === credentials && !this.disposed) {
            this.clearRetryTimer();
            this.retryTimer = this.setTimer(() => this.openLive(), LIVE_RETRY_MS);
          }
        });
      },
      message: (message) => {
        if (this.credentials === credentials && message.conversationId === credentials.conversationId) this.receive([message]);
      },
      conversation: (conversation) => {
        if (this.credentials === credentials && conversation.id === credentials.conversationId) this.receiveConversation(conversation);
      },
      typing: (event) => {
        if (this.credentials !== credentials || event.author.type !== 'ai') return;
        this.stopTypingTimer();
        this.typingTimer = this.setTimer(() => this.update({ typing: null }), TYPING_VISIBLE_MS);
        this.update({ typing: { text: event.author.displayName } });
      },
    });
  }

  private forget(): void {
    this.live?.close();
    this.live = null;
    this.credentials = null;
    this.caughtUp = false;
    this.clearTimers();
    this.removeStore();
    this.update({ ...INITIAL, info: this.state.info });
  }

  private fail(error: unknown, key: TextKey): void {
    if (error instanceof ApiError && error.status === 429) {
      this.notify('error.rateLimited', 'error', { seconds: error.retryAfterSeconds ?? 60 });
      return;
    }
    if (credentialsError(error) && this.credentials) {
      // The stored conversation is gone: start afresh; failed messages stay to be sent again.
      const pending = this.state.pending;
      this.forget();
      this.update({ pending });
      this.notify('error.sessionGone', 'error');
      return;
    }
    this.notify(key, 'error');
  }

  private notify(key: TextKey, tone: Notice['tone'], params?: Notice['params']): void {
    this.update({ notice: { key, tone, params, serial: ++this.noticeSerial } });
  }

  private stopTypingTimer(): void {
    if (this.typingTimer !== null) this.clearTimer(this.typingTimer);
    this.typingTimer = null;
  }

  private clearRetryTimer(): void {
    if (this.retryTimer !== null) this.clearTimer(this.retryTimer);
    this.retryTimer = null;
  }

  private clearTimers(): void {
    this.stopTypingTimer();
    this.clearRetryTimer();
  }

  private readStore(): string | null {
    try {
      return this.options.store.getItem(this.options.storageKey);
    } catch {
      return null;
    }
  }

  private writeStore(value: string): void {
    try {
      this.options.store.setItem(this.options.storageKey, value);
    } catch {
      // Storage blocked: the conversation works, a reload starts a new one.
    }
  }

  private removeStore(): void {
    try {
      this.options.store.removeItem(this.options.storageKey);
    } catch {
      // nothing stored
    }
  }

  private update(patch: Partial<ChatState>): void {
    if (this.disposed) return;
    this.state = { ...this.state, ...patch };
    for (const listener of this.listeners) listener();
  }
}

function credentialsError(error: unknown): boolean {
  return error instanceof ApiError && error.lostConversation;
}
