// @ts-check
/**
 * The admin page: signs in through the auth service (or resumes from its refresh cookie), refuses
 * accounts that are not admins, then shows the live order feed, the revenue and status charts, low
 * stock, alerts, and an order's detail with the moves its status allows. A refused move (409) is
 * explained and the order reloaded, since someone else changed it meanwhile.
 */
import { ApiError, createApi } from './api.js';
import { createCharts } from './charts.js';
import { connectLive } from './live.js';
import { OrderFeed } from './order-feed.js';
import { secondFactorPrompt } from './second-factor.js';
import { Session } from './session.js';
import { renderAlert, renderDetail, renderFeed, renderLowStock, STATUS_LABELS } from './views.js';

/** @param {string} id */
const byId = (id) => /** @type {HTMLElement} */ (document.getElementById(id));
/** @param {string} id */
const show = (...ids) => {
  for (const section of ['login', 'refused', 'dashboard']) byId(section).hidden = !ids.includes(section);
  byId('tools').hidden = !ids.includes('dashboard');
};

const config = await (await fetch('config.json')).json();
// The auth service's account page sits beside its API: /api/v1/auth -> /account/security.
const session = new Session(
  config.authBase,
  secondFactorPrompt(config.authBase.replace(/\/api\/v1\/auth$/, '/account/security')),
);
const api = createApi(config.apiBase, session);
const feed = new OrderFeed();
let openOrderId = /** @type {string | null} */ (null);
let started = false;

/** The charts are re-read (debounced) after live updates, so they follow the orders. */
let chartsTimer = /** @type {ReturnType<typeof setTimeout> | undefined} */ (undefined);
/** @type {ReturnType<typeof createCharts> | null} */
let charts = null;

async function refreshCharts() {
  const to = new Date().toISOString().slice(0, 10);
  const from = new Date(Date.now() - 13 * 86_400_000).toISOString().slice(0, 10);
  const [revenue, statuses, lowStock] = await Promise.all([
    api.get(`/admin/reports/revenue?from=${from}&to=${to}`),
    api.get('/admin/reports/orders-by-status'),
    api.get('/admin/reports/low-stock'),
  ]);
  charts?.showRevenue(revenue);
  charts?.showStatuses(statuses);
  renderLowStock(/** @type {HTMLElement} */ (document.querySelector('#low-stock tbody')), lowStock.data);
}

const refreshChartsSoon = () => {
  clearTimeout(chartsTimer);
  chartsTimer = setTimeout(() => void refreshCharts(), 300);
};

async function refreshReports() {
  const [recent] = await Promise.all([api.get('/admin/orders?limit=30'), refreshCharts()]);
  for (const order of recent.data) {
    feed.apply({
      orderId: order.id,
      orderNumber: order.number,
      status: order.status,
      paymentStatus: order.paymentStatus,
      fulfillmentStatus: order.fulfillmentStatus,
      version: order.version,
      occurredAt: order.updatedAt,
      email: order.email,
      totalMinor: order.totalMinor,
      currency: order.currency,
    });
  }
  renderFeed(byId('feed'), feed.latest(), openOrder);
}

/** @param {string} orderId */
async function openOrder(orderId) {
  openOrderId = orderId;
  const detail = await api.get(`/admin/orders/${orderId}`);
  renderDetail(detail, (to) => void move(orderId, to));
  byId('detail').hidden = false;
}

/** @param {string} orderId @param {string} to */
async function move(orderId, to) {
  const message = byId('transition-message');
  const form = /** @type {HTMLFormElement} */ (byId('transition-form'));
  const trackingNumber = /** @type {HTMLInputElement} */ (form.elements.namedItem('trackingNumber')).value.trim();
  const reason = /** @type {HTMLInputElement} */ (form.elements.namedItem('reason')).value.trim();
  message.className = '';
  message.textContent = `Moving the order to ${STATUS_LABELS[to] ?? to}…`;
  try {
    await api.post(`/admin/orders/${orderId}/transitions`, {
      to,
      ...(to === 'fulfilled' && trackingNumber ? { trackingNumber } : {}),
      ...(reason ? { reason } : {}),
    });
    message.className = 'ok';
    message.textContent = `Done: the order is now ${STATUS_LABELS[to] ?? to}.`;
  } catch (err) {
    message.className = 'error';
    if (err instanceof ApiError && err.status === 409) {
      message.textContent = `Refused: ${err.message} Someone else changed this order meanwhile; its current state is shown below.`;
    } else if (err instanceof ApiError && err.status === 400) {
      message.textContent = `Refused: ${(err.problem.errors ?? []).map((/** @type {any} */ e) => `${e.field} ${e.message}`).join('; ') || err.message}`;
    } else {
      message.textContent = `Not done: ${err instanceof Error ? err.message : String(err)}`;
    }
  }
  await openOrder(orderId);
}

/** @param {import('./order-feed.js').OrderUpdate} update */
function onUpdate(update) {
  if (!feed.apply(update)) return;
  renderFeed(byId('feed'), feed.latest(), openOrder, update.orderId);
  if (update.orderId === openOrderId) void openOrder(update.orderId);
  refreshChartsSoon();
}

async function start() {
  // The token says the role: a customer is told at once, without a report call answering 403.
  if (session.claims?.role !== 'admin') {
    byId('refused-reason').textContent =
      `${session.claims?.email ?? 'This account'} is a ${session.claims?.role} account: the dashboard is for admins only.`;
    await session.logout();
    show('refused');
    return;
  }
  // So does a token good only for enrolling a second factor (MFA_REQUIRED_ROLES): every API refuses it.
  if (session.claims?.mfa_enrolment_required) {
    byId('refused-reason').textContent =
      'This admin account must set up a second factor first, on the account page of the auth service.';
    show('refused');
    return;
  }
  show('dashboard');
  byId('who').textContent = `${session.claims?.email ?? session.claims?.sub} (admin)`;
  if (config.rabbitmqManagementUrl) {
    const link = /** @type {HTMLAnchorElement} */ (byId('rabbitmq-link'));
    link.href = config.rabbitmqManagementUrl;
    link.hidden = false;
  }
  if (started) return refreshReports();
  started = true;
  charts = createCharts();
  await refreshReports();
  connectLive({
    socketPath: config.socketPath,
    session,
    onUpdate,
    onAlert: (kind, alert) => {
      renderAlert(byId('alerts'), kind, alert);
      refreshChartsSoon();
    },
    onState: (state) => {
      byId('live-state').textContent = state;
      byId('live-state').classList.toggle('on', state === 'live');
    },
  });
}

byId('login-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  const form = /** @type {HTMLFormElement} */ (event.target);
  const email = /** @type {HTMLInputElement} */ (form.elements.namedItem('email')).value;
  const password = /** @type {HTMLInputElement} */ (form.elements.namedItem('password')).value;
  byId('login-error').textContent = '';
  try {
    await session.login(email, password);
    await start();
  } catch (err) {
    byId('login-error').textContent = err instanceof Error ? err.message : String(err);
  }
});
byId('refused-back').addEventListener('click', () => show('login'));
byId('logout').addEventListener('click', async () => {
  await session.logout();
  show('login');
});
byId('open-queues').addEventListener('click', async () => {
  // The board is a page of its own: the bearer token buys it a short httpOnly cookie first.
  const opened = window.open('about:blank', '_blank');
  await api.post('/admin/queues/session');
  if (opened) opened.location.href = config.queuesUrl;
});

/** The seeded accounts the configuration offers (development only): a click fills the form. */
function offerDemoAccounts() {
  /** @type {{ email: string, password: string, role: string }[]} */
  const accounts = config.demoAccounts ?? [];
  const list = byId('demo-list');
  for (const account of accounts) {
    const item = document.createElement('li');
    const button = document.createElement('button');
    button.type = 'button';
    button.textContent = `${account.email} / ${account.password}`;
    button.addEventListener('click', () => {
      /** @type {HTMLInputElement} */ (byId('email')).value = account.email;
      /** @type {HTMLInputElement} */ (byId('password')).value = account.password;
    });
    item.append(button, ` (${account.role === 'admin' ? 'an admin' : 'a customer: refused here'})`);
    list.append(item);
  }
  byId('demo-accounts').hidden = accounts.length === 0;
}

offerDemoAccounts();
if (session.mayResume() && (await session.refresh())) await start();
else show('login');
