// @ts-check
/**
 * The auth API as the account page uses it: JSON in and out, problem+json turned into ApiError. The
 * access token lives in this module's memory only; the refresh token is the httpOnly cookie the
 * browser sends to /api/v1/auth/refresh by itself.
 */

// Relative to the page (/account/security), so behind the edge's /auth prefix it is /auth/api/v1/auth.
const BASE = new URL('../api/v1/auth', document.baseURI).pathname;

export class ApiError extends Error {
  /** @param {number} status @param {{ title?: string, detail?: string, error?: string }} problem */
  constructor(status, problem) {
    super(problem.detail ?? problem.title ?? `The auth service answered ${status}.`);
    this.status = status;
    this.problem = problem;
  }

  /** The answer of a route that needs a second factor proven again (RFC 9470). */
  get needsStepUp() {
    return this.status === 401 && this.problem.error === 'insufficient_user_authentication';
  }
}

/** @type {string | null} */
let accessToken = null;

export const session = {
  get token() {
    return accessToken;
  },
  /** @param {string | null} token */
  set(token) {
    accessToken = token;
  },
  /** What the access token says about its user (not verified here: the API verifies it). */
  claims() {
    if (!accessToken) return null;
    const payload = accessToken.split('.')[1] ?? '';
    return JSON.parse(atob(payload.replace(/-/g, '+').replace(/_/g, '/')));
  },
};

/**
 * @param {string} path under /api/v1/auth
 * @param {{ method?: string, body?: unknown }} [options]
 */
export async function api(path, options = {}) {
  const response = await fetch(`${BASE}${path}`, {
    method: options.method ?? (options.body === undefined ? 'GET' : 'POST'),
    headers: {
      ...(options.body === undefined ? {} : { 'content-type': 'application/json' }),
      ...(accessToken ? { authorization: `Bearer ${accessToken}` } : {}),
    },
    ...(options.body === undefined ? {} : { body: JSON.stringify(options.body) }),
  });
  const answer = response.status === 204 ? {} : await response.json().catch(() => ({}));
  if (!response.ok) throw new ApiError(response.status, answer);
  return answer;
}

/** A new access token from the refresh cookie; false when there is no live session. */
export async function resume() {
  try {
    session.set((await api('/refresh', { body: {} })).accessToken);
    return true;
  } catch {
    session.set(null);
    return false;
  }
}

/**
 * Proves a passkey with the browser (SimpleWebAuthn's bundle), from request options the API gave.
 * @param {object} optionsJSON
 */
export async function assertPasskey(optionsJSON) {
  const webauthn = /** @type {any} */ (window).SimpleWebAuthnBrowser;
  return webauthn.startAuthentication({ optionsJSON });
}

/** @param {object} optionsJSON */
export async function createPasskey(optionsJSON) {
  const webauthn = /** @type {any} */ (window).SimpleWebAuthnBrowser;
  return webauthn.startRegistration({ optionsJSON });
}
