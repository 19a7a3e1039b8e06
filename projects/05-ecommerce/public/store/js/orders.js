// @ts-check
/**
 * My orders, and an order's page whose status moves live: over Socket.io for a signed-in shopper
 * (with a `sync` after every reconnect), by a read every few seconds for a guest. A declined card is
 * explained and another one can be tried on the same order; so is an expired reservation.
 */
import { h, money, notify, show, when } from './dom.js';
import { followOrders } from './live.js';
import { cardFields, cardOf, declineReason, orderAccess, outcomeMessage, payOrder } from './payment.js';
import { link } from './router.js';

export const STATUS_WORDS = {
  pending_payment: 'Awaiting payment',
  paid: 'Paid',
  fulfilled: 'Shipped',
  delivered: 'Delivered',
  cancelled: 'Cancelled',
  refunded: 'Refunded',
};
const FINAL = ['delivered', 'refunded'];
const GUEST_POLL_MS = 3000;

/** @param {string} status */
const statusWord = (status) => STATUS_WORDS[/** @type {'paid'} */ (status)] ?? status;

/**
 * @param {HTMLElement} main
 * @param {import('./api.js').Api} api
 * @param {import('./session.js').Session} session
 * @param {{ focus: boolean }} how
 */
export async function renderOrders(main, api, session, how) {
  if (!session.token) {
    show(
      main,
      [
        h('h1', null, 'My orders'),
        h(
          'p',
          null,
          h('a', { href: link({ view: 'login', next: 'orders' }), 'data-nav': true }, 'Sign in'),
          ' to see your orders. A guest finds an order through the link shown after paying.',
        ),
      ],
      how.focus,
    );
    return;
  }
  const page = await api.get('/orders?limit=20');
  show(
    main,
    [
      h('h1', null, 'My orders'),
      page.data.length === 0
        ? h('p.empty', null, 'No orders yet. ', h('a', { href: './', 'data-nav': true }, 'Browse the products'), '.')
        : h(
            'table.orders',
            null,
            h('caption.visually-hidden', null, 'Your orders, newest first'),
            h(
              'thead',
              null,
              h(
                'tr',
                null,
                ['Order', 'Placed', 'Status', 'Total'].map((title) => h('th', { scope: 'col' }, title)),
              ),
            ),
            h(
              'tbody',
              null,
              page.data.map((/** @type {any} */ order) =>
                h(
                  'tr',
                  { 'data-order-id': order.id },
                  h(
                    'th',
                    { scope: 'row' },
                    h('a', { href: link({ view: 'order', id: order.id }), 'data-nav': true }, `#${order.number}`),
                  ),
                  h('td', null, when(order.createdAt)),
                  h('td', null, h('span', { class: `badge ${order.status}` }, statusWord(order.status))),
                  h('td.num', null, money(order.totalMinor, order.currency)),
                ),
              ),
            ),
          ),
    ],
    how.focus,
  );
}

/** What the shopper should know about where the order stands. @param {any} order @param {any[]} history */
function explanation(order, history) {
  const last = history.at(-1);
  if (order.status === 'pending_payment')
    return `Your items are held for you until ${when(order.reservationExpiresAt)}. Pay before then to complete the order.`;
  if (order.status === 'cancelled' && last?.reason?.startsWith('payment failed')) {
    const code = last.reason.replace('payment failed: ', '');
    return `${declineReason(code)} The order is kept: pay with another card below. It is completed if its items are still in stock, and refunded automatically otherwise.`;
  }
  if (order.status === 'cancelled' && last?.reason === 'the reservation expired')
    return `Your reservation expired at ${when(order.reservationExpiresAt)} before the payment arrived, so the items went back on sale and nothing was charged. Add them to your cart again to order them.`;
  if (order.status === 'cancelled') return `This order was cancelled${last?.reason ? `: ${last.reason}` : ''}.`;
  if (order.status === 'paid') return 'Paid, thank you. We will ship it soon; this page updates when we do.';
  if (order.status === 'fulfilled')
    return `Shipped${order.trackingNumber ? ` with tracking number ${order.trackingNumber}` : ''}.`;
  if (order.status === 'delivered') return 'Delivered. Enjoy!';
  if (order.status === 'refunded') return 'Refunded: the money is on its way back to your card.';
  return '';
}

/** Whether the shopper may (still) pay this order here. @param {any} order @param {any[]} history */
function payable(order, history) {
  if (!orderAccess.paymentToken(order.id)) return false;
  if (order.status === 'pending_payment') return true;
  // After a declined card the payment stays open for another one; after an expired reservation it is cancelled.
  return order.status === 'cancelled' && order.paymentStatus === 'failed' && history.at(-1)?.actor?.type === 'system';
}

/**
 * @param {HTMLElement} main
 * @param {import('./api.js').Api} api
 * @param {import('./session.js').Session} session
 * @param {string} id
 * @param {{ focus: boolean }} how
 * @returns {Promise<() => void>} stops following the order
 */
export async function renderOrder(main, api, session, id, how) {
  let order = await api.get(`/orders/${id}`);
  let history = (await api.get(`/orders/${id}/history`)).data;
  const status = h('strong#order-status', { 'data-status': order.status }, statusWord(order.status));
  const explain = h('p#order-explain');
  const liveNote = h('p#live-note.hint');
  const payArea = h('div#pay-area');
  const facts = h('dl.facts');
  const historyList = h('ol#order-history.history');
  let paying = false;
  /** @type {string | null} the order status the pay form was drawn for */
  let formFor = null;

  const paint = () => {
    status.textContent = statusWord(order.status);
    status.setAttribute('data-status', order.status);
    status.className = `badge ${order.status}`;
    explain.textContent = explanation(order, history);
    const address = order.shippingAddress;
    facts.replaceChildren(
      ...[
        h('dt', null, 'Placed'),
        h('dd', null, when(order.createdAt)),
        h('dt', null, 'Payment'),
        h('dd', null, order.paymentStatus),
        h('dt', null, 'Shipping'),
        h('dd', null, order.fulfillmentStatus),
        order.trackingNumber ? [h('dt', null, 'Tracking number'), h('dd#tracking', null, order.trackingNumber)] : null,
        h('dt', null, 'Ship to'),
        h(
          'dd',
          null,
          [address.name, address.line1, address.line2, `${address.postalCode} ${address.city}`, address.country]
            .filter(Boolean)
            .join(', '),
        ),
      ]
        .flat()
        .filter((node) => node !== null),
    );
    historyList.replaceChildren(
      ...history.map((/** @type {any} */ entry) =>
        h('li', null, `${when(entry.at)}: ${statusWord(entry.toStatus)}${entry.reason ? ` (${entry.reason})` : ''}`),
      ),
    );
    // The form is rebuilt only when the order becomes payable or stops being so: a read every few
    // seconds must not wipe the card the shopper is typing.
    const wanted = payable(order, history) ? order.status : null;
    if (paying || wanted === formFor) return;
    formFor = wanted;
    payArea.replaceChildren(...(wanted ? [payForm()] : []));
  };

  const refresh = async () => {
    order = await api.get(`/orders/${id}`);
    history = (await api.get(`/orders/${id}/history`)).data;
    paint();
  };

  const payForm = () => {
    const error = h('div#pay-error.error', { role: 'alert' });
    const button = h('button#pay.primary', { type: 'submit' }, `Pay ${money(order.totalMinor, order.currency)}`);
    /** @type {Promise<void> | null} */
    let running = null;
    const submit = async (/** @type {HTMLFormElement} */ form) => {
      paying = true;
      button.setAttribute('disabled', '');
      error.replaceChildren();
      try {
        const outcome = await payOrder(api, id, cardOf(new FormData(form)));
        if (outcome.status === 'failed') {
          error.replaceChildren(h('p', null, `${declineReason(outcome.failureCode)} Try another card.`));
          error.setAttribute('tabindex', '-1');
          error.focus();
        } else notify(outcomeMessage(outcome.status, order.number));
      } catch (err) {
        error.replaceChildren(h('p', null, `Not paid: ${err instanceof Error ? err.message : String(err)}`));
      } finally {
        paying = false;
        button.removeAttribute('disabled');
        await refresh();
      }
    };
    return h(
      'form#pay-form',
      {
        'aria-labelledby': 'pay-title',
        onsubmit: (/** @type {SubmitEvent} */ event) => {
          event.preventDefault();
          running ??= submit(/** @type {HTMLFormElement} */ (event.currentTarget)).finally(() => {
            running = null;
          });
        },
      },
      h('h2#pay-title', null, order.status === 'pending_payment' ? 'Pay for this order' : 'Try another card'),
      cardFields('retry'),
      error,
      button,
    );
  };

  show(
    main,
    [
      h(
        'nav.crumbs',
        { 'aria-label': 'Breadcrumb' },
        h('a', { href: link({ view: 'orders' }), 'data-nav': true }, 'My orders'),
      ),
      h('h1', null, `Order #${order.number}`),
      h('div.order-status', { role: 'status', 'aria-live': 'polite' }, h('p', null, 'Status: ', status), explain),
      liveNote,
      payArea,
      facts,
      h(
        'table.lines',
        null,
        h('caption', null, 'Items'),
        h(
          'thead',
          null,
          h(
            'tr',
            null,
            ['Item', 'Price', 'Quantity', 'Total'].map((title) => h('th', { scope: 'col' }, title)),
          ),
        ),
        h(
          'tbody',
          null,
          order.lines.map((/** @type {any} */ line) =>
            h(
              'tr',
              null,
              h('th', { scope: 'row' }, line.name),
              h('td.num', null, money(line.unitPriceMinor, order.currency)),
              h('td.num', null, line.quantity),
              h('td.num', null, money(line.lineTotalMinor, order.currency)),
            ),
          ),
        ),
        h(
          'tfoot',
          null,
          h(
            'tr',
            null,
            h('th', { scope: 'row', colspan: 3 }, 'Total'),
            h('td.num', null, money(order.totalMinor, order.currency)),
          ),
        ),
      ),
      h('h2', null, 'History'),
      historyList,
    ],
    how.focus,
  );
  paint();

  if (session.token) {
    return followOrders(
      () => [id],
      (update) => {
        if (update.orderId === id && update.version > order.version) void refresh();
      },
      (state) => {
        liveNote.textContent =
          state === 'live' ? 'Live: this page follows the order as it changes.' : `Live updates: ${state}.`;
        liveNote.setAttribute('data-live', state);
      },
    );
  }
  liveNote.textContent = `This page checks the order every ${GUEST_POLL_MS / 1000} seconds. Sign in to follow your orders live.`;
  const timer = setInterval(() => {
    if (!FINAL.includes(order.status) && !paying) void refresh().catch(() => undefined);
  }, GUEST_POLL_MS);
  return () => clearInterval(timer);
}
