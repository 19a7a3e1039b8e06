// @ts-check
/** A product page: its variants as a choice, each with its price and whether it can be bought now. */
import { productArt } from './art.js';
import { h, money, notify, optionsText, show } from './dom.js';
import { link } from './router.js';

/**
 * @param {HTMLElement} main
 * @param {import('./api.js').Api} api
 * @param {import('./cart.js').CartState} cart
 * @param {string} slug
 * @param {{ focus: boolean }} how
 */
export async function renderProduct(main, api, cart, slug, how) {
  const product = await api.get(`/products/${encodeURIComponent(slug)}`);
  const firstInStock =
    product.variants.find((/** @type {{ inStock: boolean }} */ v) => v.inStock) ?? product.variants[0];
  const message = h('p#add-message', { role: 'status', 'aria-live': 'polite' });
  const quantity = h('input#quantity', {
    type: 'number',
    name: 'quantity',
    min: 1,
    max: 100,
    value: 1,
    inputmode: 'numeric',
    required: true,
  });
  const add = h('button.primary', { type: 'submit' }, 'Add to cart');

  const choices = h(
    'fieldset.variants',
    null,
    h('legend', null, 'Choose a variant'),
    product.variants.map((/** @type {any} */ variant) =>
      h(
        'label.variant',
        null,
        h('input', {
          type: 'radio',
          name: 'variant',
          value: variant.id,
          checked: variant === firstInStock,
          disabled: !variant.inStock,
        }),
        h('span.variant-name', null, optionsText(variant.options)),
        h('span.variant-price', null, money(variant.priceMinor, variant.currency)),
        h('span', { class: variant.inStock ? 'stock in' : 'stock out' }, variant.inStock ? 'In stock' : 'Out of stock'),
      ),
    ),
  );

  const form = h(
    'form#add-form',
    {
      onsubmit: async (/** @type {SubmitEvent} */ event) => {
        event.preventDefault();
        const data = new FormData(/** @type {HTMLFormElement} */ (event.currentTarget));
        const variantId = String(data.get('variant') ?? '');
        const variant = product.variants.find((/** @type {{ id: string }} */ v) => v.id === variantId);
        if (!variant) {
          message.textContent = 'Choose a variant in stock first.';
          return;
        }
        add.setAttribute('disabled', '');
        try {
          await cart.add(variantId, Number(data.get('quantity')));
          message.textContent = `Added ${data.get('quantity')} × ${product.name} (${optionsText(variant.options)}) to your cart.`;
          notify(message.textContent);
        } catch (err) {
          message.textContent = `Not added: ${err instanceof Error ? err.message : String(err)}`;
        } finally {
          add.removeAttribute('disabled');
        }
      },
    },
    choices,
    h('div.quantity', null, h('label', { for: 'quantity' }, 'Quantity'), quantity),
    add,
    message,
  );

  show(
    main,
    [
      h(
        'nav.crumbs',
        { 'aria-label': 'Breadcrumb' },
        h('a', { href: './', 'data-nav': true }, 'All products'),
        product.category
          ? [
              ' / ',
              h('a', { href: link({ category: product.category.slug }), 'data-nav': true }, product.category.name),
            ]
          : null,
      ),
      h(
        'article.product',
        null,
        h(
          'div.product-art',
          null,
          productArt({ slug: product.slug, name: product.name, imageUrl: product.imageUrls[0] ?? null }, 320),
        ),
        h(
          'div.product-info',
          null,
          h('h1', null, product.name),
          h('p.description', null, product.description),
          form,
          h('p', null, h('a', { href: link({ view: 'cart' }), 'data-nav': true }, 'Go to your cart')),
        ),
      ),
    ],
    how.focus,
  );
}
