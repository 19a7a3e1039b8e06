// @ts-check
/**
 * The storefront: reads where it runs (config.json), restores the session from the auth service's
 * refresh cookie, loads the cart, then shows the view the URL names.
 */
import { createApi } from './api.js';
import { CartState, renderCart } from './cart.js';
import { renderCatalog } from './catalog.js';
import { renderCheckout } from './checkout.js';
import { h, notify, show } from './dom.js';
import { connectLive, disconnectLive } from './live.js';
import { renderOrder, renderOrders } from './orders.js';
import { renderProduct } from './product.js';
import { link, navigate, startRouter } from './router.js';
import { Session } from './session.js';

const SEARCH_DEBOUNCE_MS = 300;

const main = /** @type {HTMLElement} */ (document.getElementById('main'));
const config = await (await fetch('config.json')).json();
const session = new Session(config.authBase);
const api = createApi(config, session);
const cart = new CartState(api);
/** @type {() => void} */
let stopView = () => undefined;

function paintAccount() {
  const signedIn = session.token !== null;
  /** @type {HTMLElement} */ (document.getElementById('login-link')).hidden = signedIn;
  /** @type {HTMLElement} */ (document.getElementById('logout')).hidden = !signedIn;
  const who = /** @type {HTMLElement} */ (document.getElementById('who'));
  who.hidden = !signedIn;
  who.textContent = session.claims?.email ?? '';
}
session.onChange(paintAccount);

/**
 * @param {{ focus: boolean }} how
 * @param {string | null} next
 */
function renderLogin(how, next) {
  const error = h('p#login-error.error', { role: 'alert' });
  const demo = config.demoAccounts.length
    ? h(
        'div.demo',
        null,
        h('h2', null, 'Demo accounts'),
        h(
          'ul',
          null,
          config.demoAccounts.map((/** @type {{ email: string, password: string }} */ account) =>
            h(
              'li',
              null,
              h(
                'button.link',
                {
                  type: 'button',
                  onclick: () => {
                    /** @type {HTMLInputElement} */ (document.getElementById('login-email')).value = account.email;
                    /** @type {HTMLInputElement} */ (document.getElementById('login-password')).value =
                      account.password;
                    document.getElementById('login-email')?.focus();
                  },
                },
                `Use ${account.email}`,
              ),
            ),
          ),
        ),
      )
    : null;
  show(
    main,
    [
      h('h1', null, 'Sign in'),
      h('p', null, 'Your cart comes with you: what you added as a guest is merged into your account.'),
      h(
        'form#login-form.narrow',
        {
          onsubmit: async (/** @type {SubmitEvent} */ event) => {
            event.preventDefault();
            const data = new FormData(/** @type {HTMLFormElement} */ (event.currentTarget));
            try {
              await session.login(String(data.get('email')), String(data.get('password')));
              await cart.mergeGuestCart();
              void connectLive(config.socketPath, session);
              navigate({ view: next ?? 'cart' });
            } catch (err) {
              error.textContent = `Not signed in: ${err instanceof Error ? err.message : String(err)}`;
            }
          },
        },
        h('label', { for: 'login-email' }, 'Email'),
        h('input#login-email', { name: 'email', type: 'email', autocomplete: 'username', required: true }),
        h('label', { for: 'login-password' }, 'Password'),
        h('input#login-password', {
          name: 'password',
          type: 'password',
          autocomplete: 'current-password',
          required: true,
        }),
        h('button.primary', { type: 'submit' }, 'Sign in'),
        error,
      ),
      demo,
    ],
    how.focus,
  );
}

/** @param {URLSearchParams} params @param {{ focus: boolean }} how */
async function render(params, how) {
  stopView();
  stopView = () => undefined;
  const view = params.get('view');
  const search = /** @type {HTMLInputElement} */ (document.getElementById('search'));
  if (document.activeElement !== search) search.value = view ? '' : (params.get('q') ?? '');
  try {
    if (view === 'product') await renderProduct(main, api, cart, params.get('slug') ?? '', how);
    else if (view === 'cart') await renderCart(main, cart, how);
    else if (view === 'checkout') await renderCheckout(main, api, cart, session, how);
    else if (view === 'orders') await renderOrders(main, api, session, how);
    else if (view === 'order') stopView = await renderOrder(main, api, session, params.get('id') ?? '', how);
    else if (view === 'login') renderLogin(how, params.get('next'));
    else await renderCatalog(main, api, params, how);
    document.title = `${main.querySelector('h1')?.textContent ?? 'Store'} · Roadmap Store`;
  } catch (err) {
    show(
      main,
      [
        h('h1', null, 'Something went wrong'),
        h('p', { role: 'alert' }, err instanceof Error ? err.message : String(err)),
        h('p', null, h('a', { href: link({}), 'data-nav': true }, 'Back to the products')),
      ],
      how.focus,
    );
  }
}

// Search as you type: the URL follows (one history entry per pause), the focus stays in the box.
/** @type {ReturnType<typeof setTimeout> | undefined} */
let typing;
const search = /** @type {HTMLInputElement} */ (document.getElementById('search'));
search.addEventListener('input', () => {
  clearTimeout(typing);
  typing = setTimeout(() => {
    const params = new URLSearchParams(location.search);
    const onCatalog = !params.get('view');
    const next = onCatalog ? params : new URLSearchParams();
    next.delete('page');
    if (search.value.trim()) next.set('q', search.value.trim());
    else next.delete('q');
    navigate(next, { replace: onCatalog && params.has('q') === Boolean(search.value.trim()), focus: false });
  }, SEARCH_DEBOUNCE_MS);
});
/** @type {HTMLFormElement} */ (document.getElementById('search-form')).addEventListener('submit', (event) => {
  event.preventDefault();
  clearTimeout(typing);
  const next = new URLSearchParams();
  if (search.value.trim()) next.set('q', search.value.trim());
  navigate(next, { focus: false });
  document.getElementById('result-count')?.focus();
});

document.getElementById('logout')?.addEventListener('click', async () => {
  await session.logout();
  disconnectLive();
  await cart.load();
  notify('You are signed out.');
  navigate({});
});

if (session.mayResume()) await session.refresh();
paintAccount();
if (session.token) void connectLive(config.socketPath, session);
await cart.load().catch(() => undefined);
startRouter(render);
