// @ts-check
/**
 * The catalog: full-text search (debounced as the shopper types), facets with counts (category,
 * price band, in stock), sort and pages. Every filter is in the URL; the API computes the counts,
 * each facet ignoring its own filter.
 */
import { productArt } from './art.js';
import { h, money, show } from './dom.js';
import { link, navigate } from './router.js';

const SORTS = [
  ['-createdAt', 'Newest'],
  ['price', 'Price, low to high'],
  ['-price', 'Price, high to low'],
  ['name', 'Name, A to Z'],
  ['-relevance', 'Best match'],
];
const PAGE_SIZE = 12;

/** The catalog filters of the URL, as the API takes them. */
export function catalogQuery(/** @type {URLSearchParams} */ params) {
  const query = new URLSearchParams({ limit: String(PAGE_SIZE) });
  for (const key of ['q', 'category', 'minPrice', 'maxPrice', 'inStock', 'sort', 'page']) {
    const value = params.get(key);
    if (value) query.set(key, value);
  }
  return query;
}

/** The URL state with `changes` applied; any change of filter goes back to page 1. */
function withChange(/** @type {URLSearchParams} */ params, /** @type {Record<string, string | null>} */ changes) {
  /** @type {Record<string, string | null>} */
  const state = {};
  for (const key of ['q', 'category', 'minPrice', 'maxPrice', 'inStock', 'sort', 'page']) state[key] = params.get(key);
  if (!('page' in changes)) state.page = null;
  return link({ ...state, ...changes });
}

/** @param {number} min @param {number | null} max @param {string} currency */
function bandLabel(min, max, currency) {
  if (min === 0 && max !== null) return `Under ${money(max, currency)}`;
  if (max === null) return `${money(min, currency)} and over`;
  return `${money(min, currency)} to ${money(max, currency)}`;
}

/**
 * @param {HTMLElement} main
 * @param {import('./api.js').Api} api
 * @param {URLSearchParams} params
 * @param {{ focus: boolean }} how
 */
export async function renderCatalog(main, api, params, how) {
  const page = await api.get(`/products?${catalogQuery(params)}`);
  const currency = page.data[0]?.currency ?? 'EUR';
  const q = params.get('q');
  const selectedBand = `${params.get('minPrice') ?? ''}-${params.get('maxPrice') ?? ''}`;
  const inStock = params.get('inStock') === 'true';

  const facetLink = (
    /** @type {string} */ label,
    /** @type {number} */ count,
    /** @type {boolean} */ current,
    /** @type {string} */ href,
  ) =>
    h(
      'li',
      null,
      h(
        'a',
        { href, 'data-nav': true, 'aria-current': current ? 'true' : false, class: current ? 'chosen' : false },
        label,
        h('span.count', null, ` (${count})`),
      ),
    );

  const facets = h(
    'aside.facets',
    { 'aria-label': 'Filters' },
    h('h2', null, 'Category'),
    h(
      'ul',
      null,
      facetLink(
        'All categories',
        page.facets.categories.reduce((/** @type {number} */ n, /** @type {{count: number}} */ c) => n + c.count, 0),
        !params.get('category'),
        withChange(params, { category: null }),
      ),
      page.facets.categories.map((/** @type {{ slug: string, name: string, count: number }} */ c) =>
        facetLink(c.name, c.count, params.get('category') === c.slug, withChange(params, { category: c.slug })),
      ),
    ),
    h('h2', null, 'Price'),
    h(
      'ul',
      null,
      facetLink(
        'Any price',
        page.facets.priceBands.reduce((/** @type {number} */ n, /** @type {{count: number}} */ b) => n + b.count, 0),
        selectedBand === '-',
        withChange(params, { minPrice: null, maxPrice: null }),
      ),
      page.facets.priceBands.map((/** @type {{ min: number, max: number | null, count: number }} */ band) =>
        facetLink(
          bandLabel(band.min, band.max, currency),
          band.count,
          selectedBand === `${band.min}-${band.max === null ? '' : band.max - 1}`,
          withChange(params, { minPrice: String(band.min), maxPrice: band.max === null ? null : String(band.max - 1) }),
        ),
      ),
    ),
    h('h2', null, 'Availability'),
    h(
      'ul',
      null,
      facetLink(
        'In stock only',
        page.facets.availability?.inStock ?? 0,
        inStock,
        withChange(params, { inStock: inStock ? null : 'true' }),
      ),
    ),
  );

  const sort = h(
    'select',
    { id: 'sort', name: 'sort' },
    SORTS.filter(([value]) => q || !value.endsWith('relevance')).map(([value, label]) =>
      h('option', { value, selected: (params.get('sort') ?? (q ? '-relevance' : '-createdAt')) === value }, label),
    ),
  );
  sort.addEventListener('change', () => {
    const target = withChange(params, { sort: /** @type {HTMLSelectElement} */ (sort).value });
    navigate(new URL(target, location.href).searchParams, { focus: false });
    document.getElementById('sort')?.focus();
  });

  const results = page.data.length
    ? h(
        'ul.products',
        null,
        page.data.map((/** @type {any} */ product) =>
          h(
            'li.product-card',
            null,
            h(
              'a',
              { href: link({ view: 'product', slug: product.slug }), 'data-nav': true },
              productArt(product, 160),
              h('span.name', null, product.name),
            ),
            h(
              'p.price',
              null,
              product.minPriceMinor === product.maxPriceMinor
                ? money(product.minPriceMinor, product.currency)
                : `${money(product.minPriceMinor, product.currency)} – ${money(product.maxPriceMinor, product.currency)}`,
            ),
            h(
              'p',
              { class: product.inStock ? 'stock in' : 'stock out' },
              product.inStock ? 'In stock' : 'Out of stock',
            ),
          ),
        ),
      )
    : h(
        'p.empty',
        null,
        q ? `Nothing matches “${q}”. Try another word or fewer filters.` : 'Nothing matches these filters.',
      );

  const current = page.page;
  const pager =
    page.totalPages > 1
      ? h(
          'nav.pager',
          { 'aria-label': 'Pages' },
          current > 1
            ? h(
                'a',
                { href: withChange(params, { page: String(current - 1) }), 'data-nav': true, rel: 'prev' },
                'Previous page',
              )
            : null,
          h('span', null, `Page ${current} of ${page.totalPages}`),
          current < page.totalPages
            ? h(
                'a',
                { href: withChange(params, { page: String(current + 1) }), 'data-nav': true, rel: 'next' },
                'Next page',
              )
            : null,
        )
      : null;

  show(
    main,
    [
      h(
        'div.catalog',
        null,
        h(
          'div.catalog-head',
          null,
          h('h1', null, q ? `Results for “${q}”` : 'All products'),
          h('p#result-count', { role: 'status' }, `${page.total} ${page.total === 1 ? 'product' : 'products'}`),
          h('div.sort', null, h('label', { for: 'sort' }, 'Sort by'), sort),
        ),
        facets,
        h('section.results', { 'aria-label': 'Products' }, results, pager),
      ),
    ],
    how.focus,
  );
}
