// @ts-check
/** Building the page from data: elements with text content only (never HTML strings), and money. */

/**
 * @param {string} tag e.g. 'a', 'button.primary', 'p#total'
 * @param {Record<string, unknown> | null} [attrs] attributes; `on*` functions become listeners; false/null/undefined are left out
 * @param {...(Node | string | number | null | undefined | false | (Node | string | null | undefined | false)[])} children
 * @returns {HTMLElement}
 */
export function h(tag, attrs, ...children) {
  const [name, ...rest] = tag.split(/(?=[.#])/);
  const el = document.createElement(name ?? 'div');
  for (const part of rest) {
    if (part.startsWith('.')) el.classList.add(part.slice(1));
    else el.id = part.slice(1);
  }
  for (const [key, value] of Object.entries(attrs ?? {})) {
    if (value === false || value === null || value === undefined) continue;
    if (key.startsWith('on') && typeof value === 'function')
      el.addEventListener(key.slice(2), /** @type {EventListener} */ (value));
    else if (value === true) el.setAttribute(key, '');
    else el.setAttribute(key, String(value));
  }
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    el.append(typeof child === 'number' ? String(child) : child);
  }
  return el;
}

/** @param {number} minor @param {string} currency */
export function money(minor, currency) {
  return new Intl.NumberFormat('en-GB', { style: 'currency', currency }).format(minor / 100);
}

/** Options of a variant as words, e.g. "size M, colour blue"; "standard" when it has none. */
export function optionsText(/** @type {Record<string, string>} */ options) {
  const parts = Object.entries(options).map(([key, value]) => `${key} ${value}`);
  return parts.length > 0 ? parts.join(', ') : 'standard';
}

/** @param {string} iso */
export function when(iso) {
  return new Date(iso).toLocaleString('en-GB', { dateStyle: 'medium', timeStyle: 'short' });
}

/** Replaces the main area's content and, after a navigation, moves focus to its heading. */
export function show(/** @type {HTMLElement} */ main, /** @type {unknown[]} */ nodes, focus = true) {
  main.replaceChildren(...nodes.flat(Infinity).filter((node) => node instanceof Node));
  if (!focus) return;
  const heading = main.querySelector('h1');
  if (heading) {
    heading.setAttribute('tabindex', '-1');
    heading.focus();
  }
}

/** Says something to screen readers and sighted users in the page's status line. */
export function notify(/** @type {string} */ message) {
  const notice = document.getElementById('notice');
  if (notice) notice.textContent = message;
}
