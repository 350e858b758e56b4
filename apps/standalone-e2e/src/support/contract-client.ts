import { io, type Socket } from 'socket.io-client';

/** A thin client of the external contract (contract.md), as a browser or an agent console would use it. */
export interface HttpResult<T = Record<string, unknown>> {
  status: number;
  body: T;
  headers: Headers;
}

export class ContractClient {
  constructor(readonly baseUrl: string) {}

  async request<T = Record<string, unknown>>(
    method: string,
    path: string,
    options: { token?: string; json?: unknown; body?: string; contentType?: string } = {},
  ): Promise<HttpResult<T>> {
    const headers: Record<string, string> = {};
    if (options.token) headers['authorization'] = `Bearer ${options.token}`;
    let body: string | undefined = options.body;
    if (options.json !== undefined) {
      body = JSON.stringify(options.json);
      headers['content-type'] = 'application/json';
    }
    if (options.contentType) headers['content-type'] = options.contentType;
    const response = await fetch(`${this.baseUrl}${path}`, { method, headers, body });
    const text = await response.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : {};
    } catch {
      // not JSON: keep the text
    }
    return { status: response.status, body: parsed as T, headers: response.headers };
  }

  socket(conversationId: string, token: string): Socket {
    return io(this.baseUrl, { path: '/api/v1/web/socket', auth: { conversationId, token }, transports: ['websocket'], reconnection: false });
  }
}

export interface MessageShape {
  id: string;
  conversationId: string;
  direction: 'inbound' | 'outbound';
  author: { type: 'customer' | 'ai' | 'agent' | 'system'; displayName: string };
  text: string;
  aiGenerated: boolean;
  sources?: { title: string; url: string | null }[];
  flagged?: boolean;
  createdAt: string;
}

export interface ConversationShape {
  id: string;
  channel: string;
  status: 'bot' | 'waiting_for_agent' | 'with_agent' | 'closed';
  locale: string;
  assignedAgent: { id: string; displayName: string } | null;
  createdAt: string;
  updatedAt: string;
}
