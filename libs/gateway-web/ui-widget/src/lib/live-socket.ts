import { io } from 'socket.io-client';
import type { ConversationBody, MessageBody } from '@pegamento/contracts';
import type { Credentials, LiveConnection, LiveHandlers } from './chat-session';
import { SOCKET_PATH } from './config';

/**
 * The live connection over socket.io (contract: path /api/v1/web/socket, auth
 * {conversationId, token}). WebSocket first, long-polling when a proxy blocks it.
 * socket.io reconnects by itself after a network drop (ChatSession catches up on every
 * connect); when the server itself closed the socket it does not, so we connect again.
 */
export function connectLive(apiBase: string): (credentials: Credentials, handlers: LiveHandlers) => LiveConnection {
  return (credentials, handlers) => {
    const socket = io(apiBase, {
      path: SOCKET_PATH,
      auth: { conversationId: credentials.conversationId, token: credentials.token },
      transports: ['websocket', 'polling'],
    });
    socket.on('connect', () => handlers.connected());
    socket.on('disconnect', (reason) => {
      handlers.disconnected();
      if (reason === 'io server disconnect') socket.connect();
    });
    socket.on('connect_error', (error) => {
      // A refused handshake (the middleware's "unauthorized" / "forbidden") is not retried by socket.io.
      if (!socket.active) handlers.refused(error.message);
      else handlers.disconnected();
    });
    socket.on('message', (message: MessageBody) => handlers.message(message));
    socket.on('conversation', (conversation: ConversationBody) => handlers.conversation(conversation));
    socket.on('typing', (event: { author: { type: string; displayName: string } }) => handlers.typing(event));
    return { close: () => socket.close() };
  };
}
