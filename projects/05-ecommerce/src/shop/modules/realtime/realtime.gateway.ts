/**
 * Socket.io on the shop's HTTP server: the handshake authenticates (a refusal is a connect_error
 * whose `data.code` says why), each connection joins its user's room (and `admin`), may follow its
 * own orders, refresh its token (`auth`), and catch up after a reconnect (`sync`). A token that runs
 * out is told so (`auth:expired`) and disconnected; the client reconnects with a fresh one. Nothing
 * here emits order news: that comes from the RabbitMQ consumer (realtime-events.ts), after commit.
 */
import type { AccessTokenVerifier } from '@roadmap/auth';
import type { Logger } from '@roadmap/core';
import { Server, type ServerOptions, type Socket } from 'socket.io';
import type { z } from 'zod';
import {
  OrderRoomSchema,
  ReauthSchema,
  SyncRequestSchema,
  type Ack,
  type ClientToServerEvents,
  type RefusalCode,
  type ServerToClientEvents,
} from './realtime.schemas.js';
import type { RealtimeService } from './realtime.service.js';
import { ADMIN_ROOM, orderRoom } from './rooms.js';
import { authenticateSocket, SocketAuthError, type SocketSession } from './socket-auth.js';

/** The path Socket.io serves (and its client at /socket.io/socket.io.esm.min.js); the edge prefixes it. */
export const SOCKET_PATH = '/socket.io';

interface SocketData {
  session: SocketSession;
  expiry?: NodeJS.Timeout;
}

export type RealtimeServer = Server<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;
type LiveSocket = Socket<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;

export interface RealtimeGatewayDeps {
  verifier: AccessTokenVerifier;
  service: RealtimeService;
  logger: Logger;
  /** The Redis adapter, so an emit on one instance reaches sockets on all. */
  adapter?: ServerOptions['adapter'];
}

type Refusal = Extract<Ack, { ok: false }>;

const refused = (code: RefusalCode, message: string): Refusal => ({ ok: false, error: { code, message } });

function refusalOf(err: unknown): { code: RefusalCode; message: string } {
  return err instanceof SocketAuthError
    ? { code: err.code, message: err.message }
    : { code: 'token_invalid', message: 'The access token is invalid.' };
}

/** Parses a client payload; on failure answers the ack with invalid_request and gives undefined. */
function parsed<S extends z.ZodType>(
  schema: S,
  payload: unknown,
  ack: ((answer: Refusal) => void) | undefined,
): z.output<S> | undefined {
  const result = schema.safeParse(payload);
  if (result.success) return result.data;
  ack?.(
    refused(
      'invalid_request',
      result.error.issues.map((i) => `${i.path.join('.') || 'payload'}: ${i.message}`).join('; '),
    ),
  );
  return undefined;
}

// setTimeout's longest delay; a token living longer is re-armed when it fires early.
const MAX_TIMER_MS = 2 ** 31 - 1;

function armExpiry(socket: LiveSocket): void {
  clearTimeout(socket.data.expiry);
  const { expiresAt } = socket.data.session;
  if (!expiresAt) return;
  const delay = expiresAt.getTime() - Date.now();
  socket.data.expiry = setTimeout(
    () => {
      if (socket.data.session.expiresAt && socket.data.session.expiresAt.getTime() > Date.now())
        return armExpiry(socket);
      socket.emit('auth:expired', {
        code: 'token_expired',
        message: 'The access token has expired; reconnect with a fresh one.',
      });
      socket.disconnect(true);
    },
    Math.min(Math.max(delay, 0), MAX_TIMER_MS),
  );
}

function onConnection(socket: LiveSocket, { verifier, service, logger }: RealtimeGatewayDeps): void {
  const log = logger.child({ socketId: socket.id, userId: socket.data.session.user.id });
  void socket.join(service.roomsOf(socket.data.session.user));
  armExpiry(socket);
  socket.on('disconnect', () => clearTimeout(socket.data.expiry));

  socket.on('auth', async (payload, ack) => {
    const input = parsed(ReauthSchema, payload, ack);
    if (!input) return;
    try {
      const session = await authenticateSocket(verifier, input.token);
      if (session.user.id !== socket.data.session.user.id) {
        ack?.(refused('token_other_user', 'A connection keeps the user it was opened for; reconnect to switch.'));
        return;
      }
      socket.data.session = session;
      if (session.user.role !== 'admin') await socket.leave(ADMIN_ROOM);
      await socket.join(service.roomsOf(session.user));
      armExpiry(socket);
      ack?.({ ok: true, expiresAt: session.expiresAt?.toISOString() ?? null });
    } catch (err) {
      ack?.({ ok: false, error: refusalOf(err) });
    }
  });

  socket.on('order:join', async (payload, ack) => {
    const input = parsed(OrderRoomSchema, payload, ack);
    if (!input) return;
    try {
      if (!(await service.mayFollow(socket.data.session.user, input.orderId))) {
        ack?.(refused('forbidden', 'You may follow only your own orders.'));
        return;
      }
      await socket.join(orderRoom(input.orderId));
      ack?.({ ok: true });
    } catch (err) {
      log.warn({ err }, 'order:join failed');
      ack?.(refused('unavailable', 'The order cannot be checked right now; retry shortly.'));
    }
  });

  socket.on('order:leave', async (payload, ack) => {
    const input = parsed(OrderRoomSchema, payload, ack);
    if (!input) return;
    await socket.leave(orderRoom(input.orderId));
    ack?.({ ok: true });
  });

  socket.on('sync', async (payload, ack) => {
    const input = parsed(SyncRequestSchema, payload ?? {}, ack);
    if (!input) return;
    try {
      ack?.({ ok: true, orders: await service.sync(socket.data.session.user, input.orderIds) });
    } catch (err) {
      log.warn({ err }, 'sync failed');
      ack?.(refused('unavailable', 'Orders cannot be read right now; retry shortly.'));
    }
  });
}

/** The Socket.io server, not yet attached: `io.attach(httpServer)` once the HTTP server exists. */
export function createRealtimeGateway(deps: RealtimeGatewayDeps): RealtimeServer {
  const io: RealtimeServer = new Server({
    path: SOCKET_PATH,
    serveClient: true,
    ...(deps.adapter ? { adapter: deps.adapter } : {}),
  });
  io.use((socket, next) => {
    authenticateSocket(deps.verifier, (socket.handshake.auth as { token?: unknown }).token).then(
      (session) => {
        socket.data.session = session;
        next();
      },
      (err: unknown) => {
        const { code, message } = refusalOf(err);
        next(Object.assign(new Error(message), { data: { code } }));
      },
    );
  });
  io.on('connection', (socket) => onConnection(socket, deps));
  return io;
}
