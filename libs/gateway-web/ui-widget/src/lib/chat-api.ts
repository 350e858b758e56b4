import type { ConversationBody, MessageBody, WebInfoBody } from '@pegamento/contracts';

export interface StartedConversation {
  conversation: ConversationBody;
  token: string;
  messages: MessageBody[];
}

/** A failed API call: the HTTP status (0: no answer at all, the network), the contract's error code, and Retry-After. */
export class ApiError extends Error {
  override readonly name = 'ApiError';
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly retryAfterSeconds: number | null = null,
  ) {
    super(message);
  }

  /** The conversation is gone or the token no longer opens it. */
  get lostConversation(): boolean {
    return this.status === 401 || this.status === 403 || this.status === 404;
  }
}

/** The web chat routes of contract.md the widget uses, and nothing else. */
export interface ChatApi {
  info(locale: string): Promise<WebInfoBody>;
  start(locale: string): Promise<StartedConversation>;
  conversation(id: string, token: string): Promise<ConversationBody>;
  messages(id: string, token: string, after?: string): Promise<MessageBody[]>;
  send(id: string, token: string, text: string, clientMessageId: string): Promise<MessageBody>;
  handoff(id: string, token: string): Promise<ConversationBody>;
  flag(id: string, token: string, messageId: string): Promise<MessageBody>;
}

type Fetch = (url: string, init: { method: string; headers: Record<string, string>; body?: string }) => Promise<{
  ok: boolean;
  status: number;
  headers: { get(name: string): string | null };
  json(): Promise<unknown>;
}>;

/** ChatApi over fetch, against the API origin the script came from (or data-api). */
export class HttpChatApi implements ChatApi {
  constructor(
    private readonly base: string,
    private readonly fetcher: Fetch,
  ) {}

  info(locale: string): Promise<WebInfoBody> {
    return this.call<WebInfoBody>('GET', `/api/v1/web/info?locale=${encodeURIComponent(locale)}`);
  }

  start(locale: string): Promise<StartedConversation> {
    return this.call<StartedConversation>('POST', '/api/v1/web/conversations', { body: { locale } });
  }

  async conversation(id: string, token: string): Promise<ConversationBody> {
    return (await this.call<{ conversation: ConversationBody }>('GET', `/api/v1/web/conversations/${encodeURIComponent(id)}`, { token })).conversation;
  }

  async messages(id: string, token: string, after?: string): Promise<MessageBody[]> {
    const query = after ? `?after=${encodeURIComponent(after)}` : '';
    return (await this.call<{ messages: MessageBody[] }>('GET', `/api/v1/web/conversations/${encodeURIComponent(id)}/messages${query}`, { token })).messages;
  }

  async send(id: string, token: string, text: string, clientMessageId: string): Promise<MessageBody> {
    return (await this.call<{ message: MessageBody }>('POST', `/api/v1/web/conversations/${encodeURIComponent(id)}/messages`, { token, body: { text, clientMessageId } }))
      .message;
  }

  async handoff(id: string, token: string): Promise<ConversationBody> {
    return (await this.call<{ conversation: ConversationBody }>('POST', `/api/v1/web/conversations/${encodeURIComponent(id)}/handoff`, { token })).conversation;
  }

  async flag(id: string, token: string, messageId: string): Promise<MessageBody> {
    const path = `/api/v1/web/conversations/${encodeURIComponent(id)}/messages/${encodeURIComponent(messageId)}/flag`;
    return (await this.call<{ message: MessageBody }>('POST', path, { token })).message;
  }

  private async call<T>(method: string, path: string, options: { token?: string; body?: unknown } = {}): Promise<T> {
    const headers: Record<string, string> = { accept: 'application/json' };
    if (options.token) headers['authorization'] = `Bearer ${options.token}`;
    if (options.body !== undefined) headers['content-type'] = 'application/json';
    let response: Awaited<ReturnType<Fetch>>;
    try {
      response = await this.fetcher(`${this.base}${path}`, { method, headers, body: options.body === undefined ? undefined : JSON.stringify(options.body) });
    } catch (error) {
      throw new ApiError(0, 'network', error instanceof Error ? error.message : 'network error');
    }
    const payload = (await response.json().catch(() => null)) as { error?: { code?: string; message?: string } } | null;
    if (!response.ok) {
      const retryAfter = Number(response.headers.get('retry-after'));
      throw new ApiError(response.status, payload?.error?.code ?? 'error', payload?.error?.message ?? `HTTP ${response.status}`, Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter : null);
    }
    return payload as T;
  }
}
