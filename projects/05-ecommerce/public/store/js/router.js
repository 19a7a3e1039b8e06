// @ts-check
/**
 * The page's state lives in its URL's query (?view=product&slug=..., ?q=tea&category=kitchen), so
 * back, forward, reload and a shared link all show the same thing. Links marked `data-nav` change
 * the URL without loading the page again.
 */

/** @type {(params: URLSearchParams, how: { focus: boolean }) => void} */
let render = () => undefined;

export function params() {
  return new URLSearchParams(location.search);
}

/**
 * @param {Record<string, string | number | null | undefined> | URLSearchParams} next
 * @param {{ replace?: boolean, focus?: boolean }} [options]
 */
export function navigate(next, { replace = false, focus = true } = {}) {
  const query = next instanceof URLSearchParams ? next : new URLSearchParams();
  if (!(next instanceof URLSearchParams))
    for (const [key, value] of Object.entries(next))
      if (value !== null && value !== undefined && value !== '') query.set(key, String(value));
  const url = `${location.pathname}${query.size > 0 ? `?${query}` : ''}`;
  if (url !== `${location.pathname}${location.search}`) history[replace ? 'replaceState' : 'pushState'](null, '', url);
  render(params(), { focus });
}

/** @param {typeof render} renderer */
export function startRouter(renderer) {
  render = renderer;
  addEventListener('popstate', () => render(params(), { focus: true }));
  document.addEventListener('click', (event) => {
    const link = event.target instanceof Element ? event.target.closest('a[data-nav]') : null;
    if (!(link instanceof HTMLAnchorElement) || event.ctrlKey || event.metaKey || event.shiftKey || event.button !== 0)
      return;
    event.preventDefault();
    navigate(new URL(link.href).searchParams);
  });
  render(params(), { focus: false });
}

/** A link to a state of the page, for `href`. */
export function link(/** @type {Record<string, string | number | null | undefined>} */ state) {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(state))
    if (value !== null && value !== undefined && value !== '') query.set(key, String(value));
  return query.size > 0 ? `?${query}` : './';
}
