// @ts-check
/**
 * The shopper's session with the auth service. The access token lives in this object only; the
 * refresh token is the auth service's httpOnly cookie, sent with `credentials: 'include'` to the auth
 * API and nowhere else. A reload signs back in from that cookie when an earlier visit signed in.
 */

/** @typedef {{ sub: string, role: string, email?: string, exp: number }} Claims */

// A hint, not a secret: whether to try a refresh on load (without it, a first visit's refresh is a 401).
const SIGNED_IN_HINT = 'store:signed-in';

/** @param {string} token @returns {Claims} */
function claimsOf(token) {
  const payload = token.split('.')[1] ?? '';
  return JSON.parse(atob(payload.replace(/-/g, '+').replace(/_/g, '/')));
}

export class Session {
  /** @type {string | null} */
  #token = null;
  /** @type {Claims | null} */
  #claims = null;
  /** @type {ReturnType<typeof setTimeout> | undefined} */
  #timer;
  /** @type {Set<(token: string | null) => void>} */
  #listeners = new Set();
  /** @type {Promise<boolean> | null} */
  #refreshing = null;

  /** @param {string} authBase the auth service's /api/v1/auth */
  constructor(authBase) {
    this.authBase = authBase;
  }

  get token() {
    return this.#token;
  }

  get claims() {
    return this.#claims;
  }

  /** @param {(token: string | null) => void} listener */
  onChange(listener) {
    this.#listeners.add(listener);
  }

  /** @param {string} path @param {object} [body] */
  async #post(path, body) {
    const response = await fetch(`${this.authBase}${path}`, {
      method: 'POST',
      credentials: 'include',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body ?? {}),
    });
    const answer = response.status === 204 ? {} : await response.json().catch(() => ({}));
    if (!response.ok) throw new Error(answer.detail ?? `The auth service answered ${response.status}.`);
    return answer;
  }

  /** @param {string | null} token */
  #set(token) {
    clearTimeout(this.#timer);
    this.#token = token;
    this.#claims = token ? claimsOf(token) : null;
    if (this.#claims) {
      const inMs = this.#claims.exp * 1000 - Date.now() - 60_000;
      this.#timer = setTimeout(() => void this.refresh(), Math.max(inMs, 5_000));
    }
    for (const listener of this.#listeners) listener(token);
  }

  /** @param {string} email @param {string} password */
  async login(email, password) {
    const answer = await this.#post('/login', { email, password });
    if (answer.mfaRequired) throw new Error('This account has a second factor: sign in to it on the admin page.');
    localStorage.setItem(SIGNED_IN_HINT, 'true');
    this.#set(answer.accessToken);
  }

  mayResume() {
    return localStorage.getItem(SIGNED_IN_HINT) === 'true';
  }

  /** A new access token from the refresh cookie; false (and signed out) when there is none. */
  refresh() {
    this.#refreshing ??= this.#post('/refresh')
      .then((answer) => {
        this.#set(answer.accessToken);
        return true;
      })
      .catch(() => {
        localStorage.removeItem(SIGNED_IN_HINT);
        this.#set(null);
        return false;
      })
      .finally(() => {
        this.#refreshing = null;
      });
    return this.#refreshing;
  }

  async logout() {
    await this.#post('/logout').catch(() => undefined);
    localStorage.removeItem(SIGNED_IN_HINT);
    this.#set(null);
  }
}
