import { Inject, Logger, type OnModuleDestroy } from '@nestjs/common';
import { WebSocketGateway, WebSocketServer, type OnGatewayInit } from '@nestjs/websockets';
import type { Server, Socket } from 'socket.io';
import { DataSource } from 'typeorm';
import type { ConversationView, MessageView } from '@pegamento/data-access-conversations';
import { AccessTokenService, type AgentPrincipal } from '@pegamento/util-auth';
import { UserEntity } from '@pegamento/handoff-data-access';

/** The socket.io path of the agent console's live updates. */
export const AGENT_SOCKET_PATH = '/api/v1/agent/socket';

const tenantRoom = (tenantId: string) => `tenant:${tenantId}`;

/** Longest a timer may wait (setTimeout's 32-bit limit); longer token lives are re-checked then. */
const MAX_TIMER_MS = 2_147_483_647;

/** The `exp` claim (ms since the epoch) of a JWT that was already verified, or null. */
export function tokenExpiry(token: string): number | null {
  try {
    const payload = JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString('utf8')) as { exp?: unknown };
    return typeof payload.exp === 'number' ? payload.exp * 1_000 : null;
  } catch {
    return null;
  }
}

/**
 * socket.io at /api/v1/agent/socket for the agent console. A client authenticates with
 * `auth: {token: <JWT from POST /api/v1/auth/login>}`, checked by the same
 * AccessTokenService as the HTTP guard, and the account must still be active; the
 * handshake completes only once the socket is in its tenant's room, so an agent only
 * ever receives events of its own tenant. A refused handshake gets `connect_error`
 * "unauthorized". The socket is disconnected when its token expires.
 *
 * Server events: `queue` (a Conversation that entered or left the queue or changed
 * state), `message` (a Message of a conversation of the tenant, in or out) and `summary`
 * (`{conversationId}`: a newer hand-over summary can be read). Every replica consumes
 * each event (a broadcast group, ADR 0005), so a socket on any replica gets it.
 */
@WebSocketGateway({ path: AGENT_SOCKET_PATH, serveClient: false })
export class AgentLiveGateway implements OnGatewayInit, OnModuleDestroy {
  @WebSocketServer() private server?: Server;
  private readonly logger = new Logger(AgentLiveGateway.name);
  private readonly expiryTimers = new Set<NodeJS.Timeout>();

  constructor(
    @Inject(AccessTokenService) private readonly tokens: AccessTokenService,
    @Inject(DataSource) private readonly dataSource: DataSource,
  ) {}

  afterInit(server: Server): void {
    server.use((socket: Socket, next: (error?: Error) => void) => {
      const auth = (socket.handshake.auth ?? {}) as { token?: unknown };
      if (typeof auth.token !== 'string' || auth.token.length === 0 || auth.token.length > 8_192) {
        next(new Error('unauthorized'));
        return;
      }
      const token = auth.token;
      this.admit(token).then(
        async (principal) => {
          if (!principal) {
            next(new Error('unauthorized'));
            return;
          }
          socket.data = { principal };
          await socket.join(tenantRoom(principal.tenantId));
          this.disconnectAtExpiry(socket, tokenExpiry(token));
          next();
        },
        (error: unknown) => {
          this.logger.warn({ err: error instanceof Error ? error.message : String(error) }, 'agent socket handshake failed');
          next(new Error('unauthorized'));
        },
      );
    });
  }

  onModuleDestroy(): void {
    for (const timer of this.expiryTimers) clearTimeout(timer);
    this.expiryTimers.clear();
  }

  /** The token's principal when the token is valid and its account still active; else null. */
  private async admit(token: string): Promise<AgentPrincipal | null> {
    let principal: AgentPrincipal;
    try {
      principal = await this.tokens.verify(token);
    } catch {
      return null;
    }
    const user = await this.dataSource.getRepository(UserEntity).findOneBy({ id: principal.userId, tenantId: principal.tenantId });
    return user?.active ? principal : null;
  }

  private disconnectAtExpiry(socket: Socket, expiresAt: number | null): void {
    if (expiresAt === null) return;
    const timer = setTimeout(() => {
      this.expiryTimers.delete(timer);
      if (Date.now() >= expiresAt) socket.disconnect(true);
      else this.disconnectAtExpiry(socket, expiresAt);
    }, Math.min(Math.max(0, expiresAt - Date.now()), MAX_TIMER_MS));
    timer.unref();
    this.expiryTimers.add(timer);
    socket.once('disconnect', () => {
      clearTimeout(timer);
      this.expiryTimers.delete(timer);
    });
  }

  queue(tenantId: string, conversation: ConversationView): void {
    this.server?.to(tenantRoom(tenantId)).emit('queue', conversation);
  }

  message(tenantId: string, message: MessageView): void {
    this.server?.to(tenantRoom(tenantId)).emit('message', message);
  }

  /** A newer hand-over summary of this conversation can be read (GET …/messages). */
  summary(tenantId: string, conversationId: string): void {
    this.server?.to(tenantRoom(tenantId)).emit('summary', { conversationId });
  }
}
