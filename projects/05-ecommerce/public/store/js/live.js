// @ts-check
/**
 * The signed-in shopper's Socket.io connection (the client the shop serves at <prefix>/socket.io/).
 * The server sends `order.updated` to the user's room; after every (re)connect, and when a view starts
 * following its orders, the page asks `sync` for their current state, so a change sent while offline,
 * or while the view was still reading, is caught up.
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

/**
 * The current state of `orderIds`, as the server has it (empty when it does not answer in time).
 * @param {any} live @param {string[]} orderIds @returns {Promise<OrderUpdate[]>}
 */
async function sync(live, orderIds) {
  if (orderIds.length === 0) return [];
  const answer = await live
    .timeout(5000)
    .emitWithAck('sync', { orderIds })
    .catch(() => null);
  return answer?.ok ? answer.orders : [];
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
    for (const update of await sync(live, watched())) deliver(update);
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
  // The view read its orders before it got here: a change sent in between reached no listener, and
  // an open connection has no reconnect to catch it up. Ask once now (the view ignores what it has).
  if (state === 'live') void sync(socket, orderIds()).then((updates) => updates.forEach(onUpdate));
  return () => {
    listeners.delete(onUpdate);
    stateListeners.delete(onState);
    watched = () => [];
  };
}
