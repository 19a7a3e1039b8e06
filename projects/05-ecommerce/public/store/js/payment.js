// @ts-check
/**
 * Paying an order at the payments service with a card the store draws (test cards only: this is the
 * fake provider). One Idempotency-Key per attempt, kept in the tab's session storage until the
 * outcome is known, so a double click, a retry or a reload never charges twice.
 */
import { ApiError } from './api.js';
import { h } from './dom.js';

export const TEST_CARDS = [
  ['4242 4242 4242 4242', 'succeeds'],
  ['4000 0000 0000 0002', 'is declined'],
  ['4000 0000 0000 9995', 'is declined: insufficient funds'],
  ['4000 0000 0000 0069', 'is declined: expired card'],
];

const DECLINES = {
  card_declined: 'Your card was declined by its bank.',
  insufficient_funds: 'Your card was declined: insufficient funds.',
  expired_card: 'Your card was declined: it has expired.',
};

/** Why a payment failed, in words. @param {string | null} code */
export function declineReason(code) {
  return DECLINES[/** @type {'card_declined'} */ (code ?? '')] ?? `The payment failed (${code ?? 'no reason given'}).`;
}

/** What a payment's outcome means for the shopper. @param {string} status @param {number} orderNumber */
export function outcomeMessage(status, orderNumber) {
  if (status === 'succeeded') return `Paid: order #${orderNumber} is confirmed.`;
  if (status === 'requires_action')
    return 'This card needs its bank to confirm the payment, which this demo store cannot show: try another test card.';
  if (status === 'canceled')
    return 'This order can no longer be paid: it was cancelled meanwhile (see below). Nothing was charged.';
  return `The payment is ${status}.`;
}

const ORDERS = 'store:orders';

/** Payment tokens of the orders placed in this browser (they authorise paying them, nothing else). */
export const orderAccess = {
  /** @param {string} orderId @returns {string | null} */
  paymentToken(orderId) {
    return JSON.parse(localStorage.getItem(ORDERS) ?? '{}')[orderId] ?? null;
  },
  /** @param {string} orderId @param {string} token */
  remember(orderId, token) {
    const all = JSON.parse(localStorage.getItem(ORDERS) ?? '{}');
    all[orderId] = token;
    localStorage.setItem(ORDERS, JSON.stringify(all));
  },
};

/** An attempt's key, kept across reloads of this tab until `done`. @param {string} name */
export function attemptKey(name) {
  const storageKey = `store:attempt:${name}`;
  return {
    get() {
      let key = sessionStorage.getItem(storageKey);
      if (!key) {
        key = crypto.randomUUID();
        sessionStorage.setItem(storageKey, key);
      }
      return key;
    },
    /** The request the key was first used for, to replay it after a reload. @returns {object | null} */
    request() {
      return JSON.parse(sessionStorage.getItem(`${storageKey}:request`) ?? 'null');
    },
    /** @param {object} body */
    keep(body) {
      sessionStorage.setItem(`${storageKey}:request`, JSON.stringify(body));
    },
    pending() {
      return sessionStorage.getItem(storageKey) !== null;
    },
    done() {
      sessionStorage.removeItem(storageKey);
      sessionStorage.removeItem(`${storageKey}:request`);
    },
  };
}

/** The card fields, with the test cards to fill them from. @param {string} prefix ids' prefix */
export function cardFields(prefix) {
  const number = h('input', {
    id: `${prefix}-number`,
    name: 'number',
    inputmode: 'numeric',
    autocomplete: 'cc-number',
    required: true,
    pattern: '[0-9 ]{12,23}',
    'aria-describedby': `${prefix}-cards`,
  });
  const year = new Date().getFullYear();
  return h(
    'fieldset.card-fields',
    null,
    h('legend', null, 'Card'),
    h(
      'div',
      { id: `${prefix}-cards`, class: 'test-cards' },
      h('p', null, 'Test cards (nothing is charged):'),
      h(
        'ul',
        null,
        TEST_CARDS.map(([card, outcome]) =>
          h(
            'li',
            null,
            h(
              'button.link',
              {
                type: 'button',
                onclick: () => {
                  /** @type {HTMLInputElement} */ (number).value = card;
                  number.focus();
                },
              },
              `Use ${card}`,
            ),
            ` ${outcome}`,
          ),
        ),
      ),
    ),
    h('label', { for: `${prefix}-number` }, 'Card number'),
    number,
    h(
      'div.row',
      null,
      h(
        'div',
        null,
        h('label', { for: `${prefix}-month` }, 'Expiry month'),
        h(
          'select',
          { id: `${prefix}-month`, name: 'expMonth', autocomplete: 'cc-exp-month' },
          Array.from({ length: 12 }, (_, i) =>
            h('option', { value: i + 1, selected: i === 11 }, String(i + 1).padStart(2, '0')),
          ),
        ),
      ),
      h(
        'div',
        null,
        h('label', { for: `${prefix}-year` }, 'Expiry year'),
        h(
          'select',
          { id: `${prefix}-year`, name: 'expYear', autocomplete: 'cc-exp-year' },
          Array.from({ length: 10 }, (_, i) => h('option', { value: year + i, selected: i === 2 }, String(year + i))),
        ),
      ),
      h(
        'div',
        null,
        h('label', { for: `${prefix}-cvc` }, 'CVC'),
        h('input', {
          id: `${prefix}-cvc`,
          name: 'cvc',
          inputmode: 'numeric',
          autocomplete: 'cc-csc',
          required: true,
          pattern: '[0-9]{3,4}',
          maxlength: 4,
          value: '123',
        }),
      ),
    ),
  );
}

/** @param {FormData} data */
export function cardOf(data) {
  return {
    number: String(data.get('number') ?? '').trim(),
    expMonth: Number(data.get('expMonth')),
    expYear: Number(data.get('expYear')),
    cvc: String(data.get('cvc') ?? ''),
  };
}

/** Polls `read` until it gives a value, for at most `ms`. @template T @param {() => Promise<T | undefined>} read */
async function until(read, ms = 30_000, everyMs = 400) {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await read();
    if (value !== undefined) return value;
    if (Date.now() > deadline)
      throw new Error('The payment service did not answer in time; reload this page to see where the payment stands.');
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
}

/**
 * Confirms the order's payment with `card` and waits for the provider's answer.
 * @param {import('./api.js').Api} api
 * @param {string} orderId
 * @param {{ number: string, expMonth: number, expYear: number, cvc: string }} card
 * @returns {Promise<{ status: string, failureCode: string | null }>}
 */
export async function payOrder(api, orderId, card) {
  const token = orderAccess.paymentToken(orderId);
  if (!token) throw new Error('This order was placed in another browser: pay it there.');
  const attempt = attemptKey(`pay:${orderId}`);
  // The payment is created moments after the order (over the message broker): 404 until then.
  const payment = await until(() =>
    api.payments.byOrder(orderId, token).catch((err) => {
      if (err instanceof ApiError && err.status === 404) return undefined;
      throw err;
    }),
  );
  if (payment.status === 'succeeded') return payment;
  const confirmed = await api.payments.confirm(payment.id, token, card, attempt.get()).catch((err) => {
    // A replayed attempt whose payment already moved on: read where it stands.
    if (err instanceof ApiError && err.status === 409) return { status: 'processing' };
    throw err;
  });
  const settled = ['succeeded', 'failed', 'requires_action', 'canceled', 'refunded'];
  const outcome = settled.includes(confirmed.status)
    ? confirmed
    : await until(async () => {
        const current = await api.payments.byOrder(orderId, token);
        return settled.includes(current.status) ? current : undefined;
      });
  attempt.done();
  return outcome;
}
