// @ts-check
/**
 * The admin's session with the auth service. The access token lives in this object only (never in
 * localStorage or a cookie script can read); the refresh token is the auth service's httpOnly cookie,
 * sent by the browser with `credentials: 'include'` to the auth API and nowhere else. The token is
 * refreshed a minute before it expires, and on demand (a 401, a socket told its token ran out).
 */

/** @typedef {{ sub: string, role: string, email?: string, exp: number }} Claims */

// Whether this browser signed in here and may hold a refresh cookie: without it, a first visit does
// not try a refresh that can only answer 401. A hint, not a secret (the cookie is httpOnly).
const SIGNED_IN_HINT = 'shop-admin:signed-in';

export class AuthError extends Error {
  /** @param {string} message @param {number} status */
  constructor(message, status) {
    super(message);
    this.status = status;
  }
}

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

  /**
   * @param {string} authBase the auth service's /api/v1/auth, e.g. /auth/api/v1/auth
   * @param {(reason: string) => Promise<import('./second-factor.js').SecondFactorProof | null>} [askSecondFactor]
   */
  constructor(authBase, askSecondFactor = async () => null) {
    this.authBase = authBase;
    this.askSecondFactor = askSecondFactor;
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

  /** @param {string} path @param {object} [body] @param {boolean} [withToken] */
  async #post(path, body, withToken = false) {
    const response = await fetch(`${this.authBase}${path}`, {
      method: 'POST',
      credentials: 'include',
      headers: {
        'content-type': 'application/json',
        ...(withToken && this.#token ? { authorization: `Bearer ${this.#token}` } : {}),
      },
      body: JSON.stringify(body ?? {}),
    });
    const answer = response.status === 204 ? {} : await response.json().catch(() => ({}));
    if (!response.ok)
      throw new AuthError(answer.detail ?? `The auth service answered ${response.status}.`, response.status);
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
    let answer = await this.#post('/login', { email, password });
    // An account with a second factor gets a ticket, not tokens: the code finishes the sign-in.
    if (answer.mfaRequired) {
      const proof = await this.askSecondFactor('Signing in to this account needs its second factor.');
      if (!proof) throw new AuthError('Signing in needs your second factor.', 401);
      answer = await this.#post('/login/mfa', { mfaTicket: answer.mfaTicket, ...proof });
    }
    localStorage.setItem(SIGNED_IN_HINT, 'true');
    this.#set(answer.accessToken);
  }

  /**
   * After a 401 insufficient_user_authentication: asks for the second factor and trades it for a
   * fresh access token (same session); false when the admin cancels.
   * @param {{ maxAge?: number }} problem
   */
  async stepUp(problem) {
    const minutes = Math.round((problem.maxAge ?? 600) / 60);
    const proof = await this.askSecondFactor(`This needs your second factor from the last ${minutes} minutes.`);
    if (!proof) return false;
    this.#set((await this.#post('/mfa/step-up', proof, true)).accessToken);
    return true;
  }

  /** True when an earlier visit signed in, so the refresh cookie may still be there. */
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

  /** Revokes the refresh cookie's session and forgets the token. */
  async logout() {
    await this.#post('/logout').catch(() => undefined);
    localStorage.removeItem(SIGNED_IN_HINT);
    this.#set(null);
  }
}
