import { io, type Socket } from 'socket.io-client';
import type { Conversation, Message } from './lib/types';

type Listener<T> = (value: T) => void;

/**
 * The console's live updates: socket.io at /api/v1/agent/socket with the access token.
 * `queue` carries a Conversation that entered, left or changed in the queue; `message` a
 * new Message of the tenant; `summary` the id of a conversation whose hand-over summary
 * a model has (re)written. Views subscribe with on(); `connected` tells the header.
 */
export class Live {
  private socket: Socket | null = null;
  private readonly queueListeners = new Set<Listener<Conversation>>();
  private readonly messageListeners = new Set<Listener<Message>>();
  private readonly summaryListeners = new Set<Listener<string>>();
  private readonly stateListeners = new Set<Listener<boolean>>();

  constructor(private readonly onUnauthorized: () => void) {}

  /**
   * Connects with the token, or, with a new token (a renewed session), connects again: the
   * server closes a socket when the token it was opened with expires.
   */
  connect(token: string): void {
    if (this.socket) {
      const current = (this.socket.auth as { token?: string }).token;
      if (current === token) return;
      this.socket.auth = { token };
      this.socket.disconnect().connect();
      return;
    }
    // WebSocket first: behind a load balancer it needs no sticky sessions; long-polling only
    // where a proxy refuses WebSockets.
    const socket = io({ path: '/api/v1/agent/socket', auth: { token }, transports: ['websocket', 'polling'], tryAllTransports: true, reconnectionDelayMax: 10_000 });
    socket.on('connect', () => this.emitState(true));
    socket.on('disconnect', (reason) => {
      this.emitState(false);
      // The server closed it (its token expired): try once more with the current token;
      // a refusal ("unauthorized") then ends the session.
      if (reason === 'io server disconnect') socket.connect();
    });
    socket.on('connect_error', (error: Error) => {
      this.emitState(false);
      if (error.message === 'unauthorized') this.onUnauthorized();
    });
    socket.on('queue', (conversation: Conversation) => this.queueListeners.forEach((l) => l(conversation)));
    socket.on('message', (message: Message) => this.messageListeners.forEach((l) => l(message)));
    socket.on('summary', (update: { conversationId?: unknown }) => {
      const id = update?.conversationId;
      if (typeof id === 'string') this.summaryListeners.forEach((l) => l(id));
    });
    this.socket = socket;
  }

  disconnect(): void {
    this.socket?.removeAllListeners();
    this.socket?.disconnect();
    this.socket = null;
    this.emitState(false);
  }

  onQueue(listener: Listener<Conversation>): () => void {
    this.queueListeners.add(listener);
    return () => this.queueListeners.delete(listener);
  }

  onMessage(listener: Listener<Message>): () => void {
    this.messageListeners.add(listener);
    return () => this.messageListeners.delete(listener);
  }

  /** Called with a conversation's id when a newer hand-over summary of it can be read. */
  onSummary(listener: Listener<string>): () => void {
    this.summaryListeners.add(listener);
    return () => this.summaryListeners.delete(listener);
  }

  onState(listener: Listener<boolean>): () => void {
    this.stateListeners.add(listener);
    return () => this.stateListeners.delete(listener);
  }

  private emitState(connected: boolean): void {
    this.stateListeners.forEach((l) => l(connected));
  }
}
