/** socket.io-client helpers for the realtime tests: connect (or be refused), and await events with a deadline. */
import { io, type Socket } from 'socket.io-client';
import type { ClientToServerEvents, ServerToClientEvents } from '../../src/shop/modules/realtime/index.js';

export type LiveClient = Socket<ServerToClientEvents, ClientToServerEvents>;

export interface Refusal {
  message: string;
  code: string | undefined;
}

function open(url: string, token: string | undefined, path = '/socket.io'): LiveClient {
  return io(url, {
    path,
    transports: ['websocket'],
    reconnection: false,
    forceNew: true,
    ...(token === undefined ? {} : { auth: { token } }),
  });
}

export interface ConnectOptions {
  path?: string;
  /**
   * Runs on the socket before its handshake: listeners for what the server may send at once. An
   * event that arrives in the same read as the handshake's answer is dispatched before `connect`'s
   * promise resolves, so a listener added after it can miss it.
   */
  before?: (socket: LiveClient) => void;
}

/** Connects, resolving once the handshake was accepted; rejects with the refusal otherwise. */
export function connect(
  url: string,
  token: string | undefined,
  clients: LiveClient[] = [],
  { path = '/socket.io', before }: ConnectOptions = {},
): Promise<LiveClient> {
  const socket = open(url, token, path);
  clients.push(socket);
  before?.(socket);
  return new Promise((resolve, reject) => {
    socket.once('connect', () => resolve(socket));
    socket.once('connect_error', (err: Error & { data?: { code?: string } }) =>
      reject(Object.assign(new Error(err.message), { code: err.data?.code })),
    );
  });
}

/** The refusal of a handshake that must be refused. */
export async function refusalOf(url: string, token: string | undefined): Promise<Refusal> {
  const socket = open(url, token);
  try {
    return await new Promise<Refusal>((resolve, reject) => {
      socket.once('connect', () => reject(new Error('the handshake was accepted')));
      socket.once('connect_error', (err: Error & { data?: { code?: string } }) =>
        resolve({ message: err.message, code: err.data?.code }),
      );
    });
  } finally {
    socket.close();
  }
}

/** Every `event` the client receives, kept in order, from now on. */
export function record<E extends keyof ServerToClientEvents>(
  socket: LiveClient,
  event: E,
): Parameters<ServerToClientEvents[E]>[0][] {
  const seen: Parameters<ServerToClientEvents[E]>[0][] = [];
  (socket.on as (name: string, listener: (payload: Parameters<ServerToClientEvents[E]>[0]) => void) => void)(
    event,
    (payload) => seen.push(payload),
  );
  return seen;
}
