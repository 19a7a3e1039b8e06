// @ts-check
/** Rendering of the page's lists and the order detail: DOM built with textContent only, never HTML strings. */

/** @param {number | undefined} minor @param {string | undefined} currency */
export function money(minor, currency = 'EUR') {
  if (minor === undefined) return '';
  return new Intl.NumberFormat('en', { style: 'currency', currency }).format(minor / 100);
}

export const STATUS_LABELS = /** @type {Record<string, string>} */ ({
  pending_payment: 'pending payment',
  paid: 'paid',
  fulfilled: 'shipped',
  delivered: 'delivered',
  cancelled: 'cancelled',
  refunded: 'refunded',
});

/** @param {string} tag @param {Record<string, string>} [attributes] @param {(string | Node)[]} [children] */
export function el(tag, attributes = {}, children = []) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, value);
  for (const child of children) node.append(child);
  return node;
}

/** @param {string} status */
const badge = (status) => el('span', { class: `badge ${status}` }, [STATUS_LABELS[status] ?? status]);

/**
 * @param {HTMLElement} list
 * @param {import('./order-feed.js').OrderUpdate[]} orders
 * @param {(orderId: string) => void} open
 * @param {string} [changed] the order that just changed, highlighted
 */
export function renderFeed(list, orders, open, changed) {
  list.replaceChildren(
    ...orders.map((order) => {
      // Named by its visible text (number, buyer, total, status), as voice control users read it.
      const button = el('button', { type: 'button' }, [
        el('strong', {}, [`#${order.orderNumber}`]),
        el('span', {}, [`${order.email ?? ''} · ${money(order.totalMinor, order.currency)}`]),
        badge(order.status),
      ]);
      button.addEventListener('click', () => open(order.orderId));
      const item = el(
        'li',
        { 'data-order-id': order.orderId, 'data-status': order.status, 'data-version': String(order.version) },
        [button],
      );
      if (order.orderId === changed) item.classList.add('flash');
      return item;
    }),
  );
}

/** @param {HTMLElement} tbody @param {{ sku: string, productName: string, saleable: number }[]} rows */
export function renderLowStock(tbody, rows) {
  tbody.replaceChildren(
    ...(rows.length === 0
      ? [el('tr', {}, [el('td', { colspan: '3' }, ['Nothing is running low.'])])]
      : rows.map((row) =>
          el('tr', {}, [
            el('td', {}, [row.sku]),
            el('td', {}, [row.productName]),
            el('td', {}, [String(row.saleable)]),
          ]),
        )),
  );
}

/** @param {HTMLElement} list @param {string} kind @param {Record<string, unknown>} alert */
export function renderAlert(list, kind, alert) {
  const text =
    kind === 'inventory.low'
      ? `Low stock: ${alert.sku} has ${alert.saleable} left`
      : `Payment failed for order ${String(alert.orderId).slice(0, 8)}: ${alert.message}`;
  list.prepend(el('li', { 'data-kind': kind }, [`${new Date().toLocaleTimeString()} · ${text}`]));
  while (list.children.length > 20) list.lastElementChild?.remove();
}

/**
 * The detail of an admin order (GET /admin/orders/{id}): facts, lines, history, and one button per
 * transition the state machine allows an admin from the current status.
 * @param {{ order: any, history: any[], allowedTransitions: string[] }} detail
 * @param {(to: string) => void} move
 */
export function renderDetail(detail, move) {
  const { order } = detail;
  /** @type {HTMLElement} */ (document.getElementById('detail-title')).textContent = `Order #${order.number}`;
  const facts = [
    ['Status', STATUS_LABELS[order.status] ?? order.status],
    ['Payment', order.paymentStatus],
    ['Fulfilment', order.fulfillmentStatus],
    ['Customer', order.email],
    ['Total', money(order.totalMinor, order.currency)],
    ['Tracking', order.trackingNumber ?? '—'],
    ['Version', String(order.version)],
  ];
  /** @type {HTMLElement} */ (document.getElementById('detail-facts')).replaceChildren(
    ...facts.flatMap(([term, value]) => [el('dt', {}, [term ?? '']), el('dd', {}, [value ?? ''])]),
  );
  /** @type {HTMLElement} */ (document.querySelector('#detail-lines tbody')).replaceChildren(
    ...order.lines.map((/** @type {any} */ line) =>
      el('tr', {}, [
        el('td', {}, [line.sku]),
        el('td', {}, [line.name]),
        el('td', {}, [String(line.quantity)]),
        el('td', {}, [money(line.lineTotalMinor, order.currency)]),
      ]),
    ),
  );
  /** @type {HTMLElement} */ (document.getElementById('detail-history')).replaceChildren(
    ...detail.history.map((/** @type {any} */ entry) =>
      el('li', {}, [
        `${new Date(entry.at).toLocaleString()}: ${entry.fromStatus ?? 'new'} → ${entry.toStatus} by ${entry.actor.type}${entry.reason ? ` (${entry.reason})` : ''}`,
      ]),
    ),
  );
  const buttons = /** @type {HTMLElement} */ (document.getElementById('transition-buttons'));
  buttons.replaceChildren(
    ...(detail.allowedTransitions.length === 0
      ? [el('p', {}, ['No move is allowed from this status.'])]
      : detail.allowedTransitions.map((to) => {
          const button = el('button', { type: 'button', 'data-to': to }, [`Mark as ${STATUS_LABELS[to] ?? to}`]);
          button.addEventListener('click', () => move(to));
          return button;
        })),
  );
}
