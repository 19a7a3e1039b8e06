// @ts-check
/**
 * Checkout: the address, the card, and one "Pay" that places the order and pays it. The order is
 * placed once per attempt (its Idempotency-Key outlives a reload of the tab), so a double click or a
 * retry after a lost answer replays the same order instead of making a second one.
 */
import { ApiError } from './api.js';
import { h, money, notify, optionsText, show } from './dom.js';
import { attemptKey, cardFields, cardOf, declineReason, orderAccess, outcomeMessage, payOrder } from './payment.js';
import { link, navigate } from './router.js';

const COUNTRIES = [
  ['GB', 'United Kingdom'],
  ['DE', 'Germany'],
  ['FR', 'France'],
  ['NL', 'Netherlands'],
  ['IE', 'Ireland'],
  ['ES', 'Spain'],
  ['IT', 'Italy'],
  ['US', 'United States'],
];

/** @param {string} id @param {string} label @param {Record<string, unknown>} [attrs] */
function field(id, label, attrs = {}) {
  return h(
    'div.field',
    null,
    h('label', { for: id }, label),
    h('input', { id, name: id.replace(/^ship-/, ''), type: 'text', ...attrs }),
  );
}

/**
 * @param {HTMLElement} main
 * @param {import('./api.js').Api} api
 * @param {import('./cart.js').CartState} cart
 * @param {import('./session.js').Session} session
 * @param {{ focus: boolean }} how
 */
export async function renderCheckout(main, api, cart, session, how) {
  await cart.load();
  const { items, subtotalMinor, currency } = cart.cart;
  const attempt = attemptKey('checkout');
  const earlier = attempt.request();
  if (items.length === 0 && attempt.pending() && earlier) {
    // The order of an earlier attempt was placed but its answer was lost (a reload, a dropped
    // connection): the same key replays it rather than making another.
    show(
      main,
      [h('h1', null, 'Checkout'), h('p', { role: 'status' }, 'Finding the order of your earlier attempt…')],
      how.focus,
    );
    const { order, paymentToken } = (await api.post('/checkout', earlier, { 'idempotency-key': attempt.get() })).body;
    orderAccess.remember(order.id, paymentToken);
    attempt.done();
    notify(`Order #${order.number} was placed by your earlier attempt: pay it here.`);
    navigate({ view: 'order', id: order.id }, { replace: true });
    return;
  }
  if (items.length === 0) {
    show(
      main,
      [
        h('h1', null, 'Checkout'),
        h(
          'p.empty',
          null,
          'Your cart is empty. ',
          h('a', { href: './', 'data-nav': true }, 'Browse the products'),
          '.',
        ),
      ],
      how.focus,
    );
    return;
  }
  const error = h('div#checkout-error.error', { role: 'alert' });
  const progress = h('p#checkout-progress', { role: 'status', 'aria-live': 'polite' });
  const pay = h('button#pay.primary', { type: 'submit' }, `Pay ${money(subtotalMinor, currency)}`);
  const email = session.claims?.email;
  /** @type {Promise<void> | null} */
  let running = null;

  const submit = async (/** @type {HTMLFormElement} */ form) => {
    const data = new FormData(form);
    error.replaceChildren();
    pay.setAttribute('disabled', '');
    pay.setAttribute('aria-busy', 'true');
    try {
      progress.textContent = 'Placing your order…';
      const shippingAddress = {
        name: String(data.get('name') ?? ''),
        line1: String(data.get('line1') ?? ''),
        ...(data.get('line2') ? { line2: String(data.get('line2')) } : {}),
        city: String(data.get('city') ?? ''),
        postalCode: String(data.get('postalCode') ?? ''),
        country: String(data.get('country') ?? ''),
      };
      const body = { ...(email ? {} : { email: String(data.get('email') ?? '') }), shippingAddress };
      const key = attempt.get();
      attempt.keep(body);
      const placed = await api.post('/checkout', body, { 'idempotency-key': key });
      const { order, paymentToken } = placed.body;
      orderAccess.remember(order.id, paymentToken);
      attempt.done();
      await cart.load();
      progress.textContent = `Order #${order.number} placed. Paying…`;
      const outcome = await payOrder(api, order.id, cardOf(data));
      if (outcome.status !== 'failed') notify(outcomeMessage(outcome.status, order.number));
      else notify(`${declineReason(outcome.failureCode)} Your order #${order.number} is kept: try another card.`);
      navigate({ view: 'order', id: order.id });
    } catch (err) {
      progress.textContent = '';
      const detail = err instanceof Error ? err.message : String(err);
      const stock = err instanceof ApiError && err.status === 409;
      error.replaceChildren(
        h('p', null, `The order was not placed: ${detail}`),
        stock
          ? h(
              'p',
              null,
              'Someone bought the last units first. ',
              h('a', { href: link({ view: 'cart' }), 'data-nav': true }, 'Review your cart'),
              ' and try again.',
            )
          : null,
      );
      error.setAttribute('tabindex', '-1');
      error.focus();
    } finally {
      pay.removeAttribute('disabled');
      pay.removeAttribute('aria-busy');
    }
  };

  const form = h(
    'form#checkout-form',
    {
      onsubmit: (/** @type {SubmitEvent} */ event) => {
        event.preventDefault();
        // A second click while the first is under way joins it.
        running ??= submit(/** @type {HTMLFormElement} */ (event.currentTarget)).finally(() => {
          running = null;
        });
      },
    },
    h(
      'fieldset',
      null,
      h('legend', null, 'Contact'),
      email
        ? h('p', null, `Signed in as ${email}: the receipt goes there.`)
        : [
            field('email', 'Email', { type: 'email', autocomplete: 'email', required: true }),
            h(
              'p.hint',
              null,
              'Or ',
              h('a', { href: link({ view: 'login', next: 'checkout' }), 'data-nav': true }, 'sign in'),
              ' to follow your order live.',
            ),
          ],
    ),
    h(
      'fieldset',
      null,
      h('legend', null, 'Shipping address'),
      field('ship-name', 'Full name', { autocomplete: 'name', required: true, maxlength: 100 }),
      field('ship-line1', 'Address', { autocomplete: 'address-line1', required: true, maxlength: 200 }),
      field('ship-line2', 'Address line 2 (optional)', { autocomplete: 'address-line2', maxlength: 200 }),
      h(
        'div.row',
        null,
        field('ship-city', 'City', { autocomplete: 'address-level2', required: true, maxlength: 100 }),
        field('ship-postalCode', 'Postal code', { autocomplete: 'postal-code', required: true, maxlength: 20 }),
      ),
      h(
        'div.field',
        null,
        h('label', { for: 'ship-country' }, 'Country'),
        h(
          'select',
          { id: 'ship-country', name: 'country', autocomplete: 'country' },
          COUNTRIES.map(([code, name]) => h('option', { value: code }, name)),
        ),
      ),
    ),
    cardFields('card'),
    error,
    pay,
    progress,
  );

  show(
    main,
    [
      h('h1', null, 'Checkout'),
      h(
        'div.checkout',
        null,
        form,
        h(
          'aside.summary',
          { 'aria-labelledby': 'summary-title' },
          h('h2#summary-title', null, 'Your order'),
          h(
            'ul',
            null,
            items.map((/** @type {any} */ item) =>
              h(
                'li',
                null,
                `${item.quantity} × ${item.name} (${optionsText(item.options)})`,
                h('span.num', null, money(item.lineTotalMinor, item.currency)),
              ),
            ),
          ),
          h('p.subtotal', null, 'Total: ', h('strong', null, money(subtotalMinor, currency))),
          h(
            'p.hint',
            null,
            'Prices come from the shop. Once the order is placed, its items are held for you until the time the order page shows.',
          ),
        ),
      ),
    ],
    how.focus,
  );
}
