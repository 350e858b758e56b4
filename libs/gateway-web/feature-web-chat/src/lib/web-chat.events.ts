import { OnGatewayInit, WebSocketGateway, WebSocketServer } from '@nestjs/websockets';
import type { Server, Socket } from 'socket.io';
import type { ConversationView, MessageView } from '@pegamento/data-access-conversations';
import { ConversationAccess } from './conversation-access';
import { WidgetOrigins } from './web-cors.middleware';

const room = (conversationId: string) => `conversation:${conversationId}`;

/**
 * socket.io at /api/v1/web/socket. A client authenticates with
 * `auth: {conversationId, token}`; the handshake only completes once the token is
 * checked and the socket is in that conversation's room, so nothing sent after
 * "connect" is missed. A refused client gets `connect_error` ("unauthorized" /
 * "forbidden", or "origin_not_allowed" from a browser on a site that is not the platform's
 * or one of the tenant's widgetOrigins). Events: `message`, `conversation`, `typing`.
 */
@WebSocketGateway({ path: '/api/v1/web/socket', cors: { origin: true }, serveClient: false })
export class WebChatEvents implements OnGatewayInit {
  @WebSocketServer() private server?: Server;

  constructor(
    private readonly access: ConversationAccess,
    private readonly origins: WidgetOrigins,
  ) {}

  afterInit(server: Server): void {
    server.use((socket: Socket, next: (error?: Error) => void) => {
      const auth = (socket.handshake.auth ?? {}) as { conversationId?: unknown; token?: unknown };
      if (typeof auth.conversationId !== 'string' || typeof auth.token !== 'string') {
        next(new Error('unauthorized'));
        return;
      }
      const origin = socket.handshake.headers.origin;
      const originAllowed = origin ? this.origins.allows(origin, socket.handshake.headers.host) : Promise.resolve(true);
      originAllowed.then(
        (allowed) => {
          if (!allowed) {
            next(new Error('origin_not_allowed'));
            return;
          }
          this.access.open(auth.conversationId as string, auth.token as string).then(
            async (conversation) => {
              await socket.join(room(conversation.id));
              next();
            },
            () => next(new Error('forbidden')),
          );
        },
        () => next(new Error('unavailable')),
      );
    });
  }

  message(conversationId: string, message: MessageView): void {
    this.server?.to(room(conversationId)).emit('message', message);
  }

  conversation(conversation: ConversationView): void {
    this.server?.to(room(conversation.id)).emit('conversation', conversation);
  }

  typing(conversationId: string, author: { type: 'ai' | 'agent'; displayName: string }): void {
    this.server?.to(room(conversationId)).emit('typing', { author });
  }
}
