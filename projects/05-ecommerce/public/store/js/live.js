// @ts-check
/**
 * The signed-in shopper's Socket.io connection (the client the shop serves at <prefix>/socket.io/).
 * The server sends `order.updated` to the user's room; after every (re)connect the page asks `sync`
 * for the current state of the orders it shows, so a change missed while offline is caught up.
 */
/** @typedef {{ orderId: string, status: string, paymentStatus: string, fulfillmentStatus: string, version: number }} OrderUpdate */

/** @type {any} */
let socket = null;
/** @type {Set<(update: OrderUpdate) => void>} */
const listeners = new Set();
/** @type {Set<(state: string) => void>} */
const stateListeners = new Set();
/** @type {() => string[]} */
let watched = () => [];
let state = 'offline';

/** @param {string} next */
function setState(next) {
  state = next;
  for (const listener of stateListeners) listener(next);
}

/** @param {OrderUpdate} update */
function deliver(update) {
  for (const listener of listeners) listener(update);
}

/** @param {string} socketPath @param {import('./session.js').Session} session */
export async function connectLive(socketPath, session) {
  if (socket || !session.token) return;
  // Loaded only for a signed-in shopper (guests' order pages poll instead).
  socket = true;
  const { io } = await import('../../socket.io/socket.io.esm.min.js');
  socket = io({
    path: socketPath,
    transports: ['websocket', 'polling'],
    auth: (/** @type {(data: object) => void} */ callback) => callback({ token: session.token }),
  });
  const live = socket;
  live.on('connect', async () => {
    setState('live');
    const answer = await live
      .timeout(5000)
      .emitWithAck('sync', { orderIds: watched() })
      .catch(() => null);
    if (answer?.ok) for (const update of answer.orders) deliver(update);
  });
  live.on('disconnect', (/** @type {string} */ reason) =>
    setState(reason === 'io client disconnect' ? 'offline' : 'reconnecting'),
  );
  live.on('connect_error', async (/** @type {Error & { data?: { code?: string } }} */ err) => {
    setState('reconnecting');
    if (err.data?.code === 'token_expired' && (await session.refresh())) live.connect();
  });
  live.on('auth:expired', async () => {
    if (await session.refresh()) live.connect();
  });
  live.on('order.updated', deliver);
  session.onChange((token) => {
    if (token && live.connected) live.emit('auth', { token });
    if (!token) disconnectLive();
  });
}

export function disconnectLive() {
  if (socket && socket !== true) socket.disconnect();
  socket = null;
  setState('offline');
}

export function liveState() {
  return state;
}

/**
 * Follows updates while a view shows orders; the returned function stops.
 * @param {() => string[]} orderIds the orders to catch up on after a reconnect
 * @param {(update: OrderUpdate) => void} onUpdate
 * @param {(state: string) => void} onState
 */
export function followOrders(orderIds, onUpdate, onState) {
  watched = orderIds;
  listeners.add(onUpdate);
  stateListeners.add(onState);
  onState(state);
  return () => {
    listeners.delete(onUpdate);
    stateListeners.delete(onState);
    watched = () => [];
  };
}
