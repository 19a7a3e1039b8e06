// @ts-check
/**
 * The cart: the guest's (on its signed cart token) or the signed-in user's. Every figure shown comes
 * from the server's answer; the page never computes a price. Signing in merges the guest cart into
 * the account's and says what changed.
 */
import { cartToken } from './api.js';
import { h, money, notify, optionsText, show } from './dom.js';
import { link } from './router.js';

export class CartState {
  /** @type {any} */
  cart = { items: [], itemCount: 0, subtotalMinor: 0, currency: null };
  /** What the last merge changed, shown on the cart page until the next change. */
  /** @type {string[]} */
  mergeNotes = [];

  /** @param {import('./api.js').Api} api */
  constructor(api) {
    this.api = api;
  }

  /** @param {any} cart */
  #set(cart) {
    this.cart = cart;
    if (cart.token) cartToken.set(cart.token);
    const count = document.getElementById('cart-count');
    if (count) count.textContent = String(cart.itemCount);
  }

  async load() {
    try {
      this.#set(await this.api.get('/cart'));
    } catch (err) {
      // A guest cart that was merged or removed meanwhile: start afresh.
      if (err instanceof Error && 'status' in err && (err.status === 410 || err.status === 404 || err.status === 400)) {
        cartToken.set(null);
        this.#set(await this.api.get('/cart'));
      } else throw err;
    }
  }

  /** @param {string} variantId @param {number} quantity */
  async add(variantId, quantity) {
    const answer = await this.api.post('/cart/items', { variantId, quantity });
    this.#set(answer.body);
  }

  /** @param {string} variantId @param {number} quantity 0 removes the line */
  async setQuantity(variantId, quantity) {
    this.#set(await this.api.patch(`/cart/items/${variantId}`, { quantity }));
  }

  /** @param {string} variantId */
  async remove(variantId) {
    this.#set(await this.api.del(`/cart/items/${variantId}`));
  }

  /** After signing in: the guest cart's lines move into the account's cart. */
  async mergeGuestCart() {
    if (!cartToken.get()) return this.load();
    /** @type {any} */
    let result;
    try {
      result = (await this.api.post('/cart/merge')).body;
    } catch {
      cartToken.set(null);
      return this.load();
    }
    cartToken.set(null);
    this.#set(result.cart);
    /** @param {string} variantId */
    const nameOf = (variantId) => {
      const item = result.cart.items.find((/** @type {any} */ i) => i.variantId === variantId);
      return item ? `${item.name} (${optionsText(item.options)})` : 'An item';
    };
    const reasons = {
      currency: 'it is priced in another currency',
      unpublished: 'it is no longer sold',
      total: 'the cart would exceed its total limit',
    };
    this.mergeNotes = [
      ...result.capped.map((/** @type {any} */ c) =>
        c.kept === 0
          ? `${nameOf(c.variantId)}: none left in stock, so it was not added.`
          : `${nameOf(c.variantId)}: you asked for ${c.requested}, only ${c.kept} in stock, so the quantity is now ${c.kept}.`,
      ),
      ...result.skipped.map(
        (/** @type {any} */ s) =>
          `${s.sku}: not added because ${reasons[/** @type {'currency'} */ (s.reason)] ?? s.reason}.`,
      ),
    ];
    notify(
      this.mergeNotes.length > 0
        ? `Your guest cart was merged into your account's cart, with ${this.mergeNotes.length} change(s): see the cart.`
        : 'Your guest cart was merged into your account.',
    );
  }
}

/**
 * @param {HTMLElement} main
 * @param {CartState} state
 * @param {{ focus: boolean }} how
 */
export async function renderCart(main, state, how) {
  await state.load();
  const { cart } = state;
  const message = h('p#cart-message', { role: 'status', 'aria-live': 'polite' });
  const rerender = () => renderCart(main, state, { focus: false });

  const row = (/** @type {any} */ item) => {
    const label = `${item.name}, ${optionsText(item.options)}`;
    const quantity = h('input', {
      type: 'number',
      min: 1,
      max: 100,
      value: item.quantity,
      inputmode: 'numeric',
      'aria-label': `Quantity of ${label}`,
      'data-variant': item.variantId,
    });
    quantity.addEventListener('change', async () => {
      const value = Number(/** @type {HTMLInputElement} */ (quantity).value);
      try {
        await state.setQuantity(item.variantId, value);
        state.mergeNotes = [];
        await rerender();
        notify(`Quantity of ${label} is now ${value}.`);
      } catch (err) {
        message.textContent = `Not changed: ${err instanceof Error ? err.message : String(err)}`;
        /** @type {HTMLInputElement} */ (quantity).value = String(item.quantity);
      }
    });
    return h(
      'tr',
      { 'data-sku': item.sku },
      h(
        'th',
        { scope: 'row' },
        h('a', { href: link({ view: 'product', slug: item.productSlug }), 'data-nav': true }, item.name),
        h('span.options', null, optionsText(item.options)),
      ),
      h('td.num', null, money(item.unitPriceMinor, item.currency)),
      h(
        'td',
        null,
        quantity,
        item.saleable < item.quantity ? h('span.warn', null, ` Only ${item.saleable} left`) : null,
      ),
      h('td.num', null, money(item.lineTotalMinor, item.currency)),
      h(
        'td',
        null,
        h(
          'button.link',
          {
            type: 'button',
            'aria-label': `Remove ${label}`,
            onclick: async () => {
              await state.remove(item.variantId);
              state.mergeNotes = [];
              await rerender();
              notify(`Removed ${label} from your cart.`);
              document.querySelector('main h1')?.setAttribute('tabindex', '-1');
              /** @type {HTMLElement | null} */ (document.querySelector('main h1'))?.focus();
            },
          },
          'Remove',
        ),
      ),
    );
  };

  show(
    main,
    [
      h('h1', null, 'Your cart'),
      state.mergeNotes.length > 0
        ? h(
            'div#merge-notes.callout',
            { role: 'region', 'aria-label': 'What changed when your carts merged' },
            h('h2', null, 'What changed when your carts merged'),
            h(
              'ul',
              null,
              state.mergeNotes.map((note) => h('li', null, note)),
            ),
          )
        : null,
      cart.items.length === 0
        ? h(
            'p.empty',
            null,
            'Your cart is empty. ',
            h('a', { href: './', 'data-nav': true }, 'Browse the products'),
            '.',
          )
        : [
            h(
              'table.cart',
              null,
              h('caption.visually-hidden', null, 'Items in your cart'),
              h(
                'thead',
                null,
                h(
                  'tr',
                  null,
                  ['Item', 'Price', 'Quantity', 'Total', 'Actions'].map((title) => h('th', { scope: 'col' }, title)),
                ),
              ),
              h('tbody', null, cart.items.map(row)),
            ),
            h('p.subtotal', null, 'Subtotal: ', h('strong#subtotal', null, money(cart.subtotalMinor, cart.currency))),
            h(
              'p',
              null,
              h('a.button.primary', { href: link({ view: 'checkout' }), 'data-nav': true }, 'Go to checkout'),
            ),
          ],
      message,
    ],
    how.focus,
  );
}
