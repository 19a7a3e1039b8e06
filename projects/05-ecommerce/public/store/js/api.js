// @ts-check
/**
 * The shop's and the payments service's APIs as the store calls them: the bearer token when signed
 * in (a 401 refreshes it once and retries), the guest cart token otherwise, problem+json turned into
 * an ApiError whose message is the server's own explanation.
 */

const CART_TOKEN = 'store:cart-token';

export class ApiError extends Error {
  /** @param {number} status @param {{ title?: string, detail?: string, errors?: { field: string, message: string }[], [key: string]: unknown }} problem */
  constructor(status, problem) {
    const fields = (problem.errors ?? []).map((e) => `${e.field.replace(/^body\./, '')}: ${e.message}`).join('; ');
    super([problem.detail ?? problem.title ?? `The server answered ${status}.`, fields].filter(Boolean).join(' '));
    this.status = status;
    this.problem = problem;
  }
}

/** The guest cart token, kept in this browser until the cart merges into an account. */
export const cartToken = {
  get: () => localStorage.getItem(CART_TOKEN),
  /** @param {string | null} token */
  set: (token) => (token ? localStorage.setItem(CART_TOKEN, token) : localStorage.removeItem(CART_TOKEN)),
};

/**
 * @param {{ apiBase: string, paymentsBase: string }} config
 * @param {import('./session.js').Session} session
 */
export function createApi(config, session) {
  /**
   * @param {string} url @param {string} method @param {object | undefined} body
   * @param {Record<string, string>} headers @param {boolean} [retried]
   * @returns {Promise<{ status: number, body: any, headers: Headers }>}
   */
  async function call(url, method, body, headers, retried = false) {
    // The payments service is authorised by the payment token alone.
    const ours = url.startsWith(config.apiBase);
    const token = ours ? session.token : null;
    const guest = ours ? cartToken.get() : null;
    const response = await fetch(url, {
      method,
      // Figures are always the server's current ones: no conditional request, no cached answer.
      cache: 'no-store',
      headers: {
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...(guest ? { 'x-cart-token': guest } : {}),
        ...(body ? { 'content-type': 'application/json' } : {}),
        ...headers,
      },
      ...(body ? { body: JSON.stringify(body) } : {}),
    });
    const answer = response.status === 204 ? {} : await response.json().catch(() => ({}));
    if (response.status === 401 && token && !retried && (await session.refresh()))
      return call(url, method, body, headers, true);
    if (!response.ok) throw new ApiError(response.status, answer);
    return { status: response.status, body: answer, headers: response.headers };
  }
  const shop = (/** @type {string} */ path) => `${config.apiBase}${path}`;
  const payments = (/** @type {string} */ path) => `${config.paymentsBase}${path}`;
  return {
    /** @param {string} path */
    get: async (path) => (await call(shop(path), 'GET', undefined, {})).body,
    /** @param {string} path @param {object} [body] @param {Record<string, string>} [headers] */
    post: (path, body, headers = {}) => call(shop(path), 'POST', body ?? {}, headers),
    /** @param {string} path @param {object} body */
    patch: async (path, body) => (await call(shop(path), 'PATCH', body, {})).body,
    /** @param {string} path */
    del: async (path) => (await call(shop(path), 'DELETE', undefined, {})).body,
    /** The payments service: a payment token authorises the buyer. */
    payments: {
      /** @param {string} orderId @param {string} paymentToken */
      byOrder: async (orderId, paymentToken) =>
        (await call(payments(`/payments/by-order/${orderId}`), 'GET', undefined, { 'payment-token': paymentToken }))
          .body,
      /**
       * @param {string} paymentId @param {string} paymentToken @param {object} card @param {string} key
       */
      confirm: async (paymentId, paymentToken, card, key) =>
        (
          await call(
            payments(`/payments/${paymentId}/confirm`),
            'POST',
            { card },
            {
              'payment-token': paymentToken,
              'idempotency-key': key,
            },
          )
        ).body,
    },
  };
}

/** @typedef {ReturnType<typeof createApi>} Api */
