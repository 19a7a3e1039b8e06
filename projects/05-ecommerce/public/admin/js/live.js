// @ts-check
/**
 * The page's Socket.io connection (the client the shop serves at <prefix>/socket.io/). The handshake
 * carries the current access token; a refreshed token is sent with `auth`; a token the server says ran
 * out, or a handshake refused as expired, is refreshed and the socket reconnects. On every (re)connect
 * the page asks `sync` for the current state, so updates missed while offline are caught up.
 */
import { io } from '../../socket.io/socket.io.esm.min.js';

/**
 * @param {object} options
 * @param {string} options.socketPath
 * @param {import('./session.js').Session} options.session
 * @param {(update: import('./order-feed.js').OrderUpdate) => void} options.onUpdate
 * @param {(kind: string, alert: Record<string, unknown>) => void} options.onAlert
 * @param {(state: string) => void} options.onState
 */
export function connectLive({ socketPath, session, onUpdate, onAlert, onState }) {
  const socket = io({
    path: socketPath,
    transports: ['websocket', 'polling'],
    auth: (/** @type {(data: object) => void} */ callback) => callback({ token: session.token }),
  });
  const reconnectWithFreshToken = async () => {
    if (await session.refresh()) socket.connect();
    else onState('signed out');
  };

  socket.on('connect', async () => {
    onState('live');
    const answer = await socket
      .timeout(5000)
      .emitWithAck('sync', {})
      .catch(() => null);
    if (answer?.ok) for (const update of answer.orders) onUpdate(update);
  });
  socket.on('disconnect', (reason) => onState(reason === 'io client disconnect' ? 'offline' : 'reconnecting'));
  socket.on('connect_error', (/** @type {Error & { data?: { code?: string } }} */ err) => {
    onState(`refused: ${err.data?.code ?? err.message}`);
    if (err.data?.code === 'token_expired') void reconnectWithFreshToken();
    else if (err.data?.code === 'auth_unavailable') setTimeout(() => socket.connect(), 3000);
  });
  socket.on('auth:expired', () => void reconnectWithFreshToken());
  socket.on('order.updated', onUpdate);
  socket.on('inventory.low', (alert) => onAlert('inventory.low', alert));
  socket.on('payment.failed', (alert) => onAlert('payment.failed', alert));
  session.onChange((token) => {
    if (token && socket.connected) socket.emit('auth', { token });
    if (!token) socket.disconnect();
  });
  return socket;
}
