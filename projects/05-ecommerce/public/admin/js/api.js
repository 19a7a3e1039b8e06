// @ts-check
/**
 * The shop API with the session's bearer token; a 401 refreshes the token once and retries, and a 401
 * insufficient_user_authentication (a refund with a stale second factor) steps up first, then retries.
 */

export class ApiError extends Error {
  /** @param {number} status @param {{ title?: string, detail?: string, [key: string]: unknown }} problem */
  constructor(status, problem) {
    super(problem.detail ?? problem.title ?? `The API answered ${status}.`);
    this.status = status;
    this.problem = problem;
  }
}

/**
 * @param {string} apiBase e.g. /shop/api/v1
 * @param {import('./session.js').Session} session
 */
export function createApi(apiBase, session) {
  /** @param {string} method @param {string} path @param {object} [body] @param {boolean} [retried] */
  async function call(method, path, body, retried = false) {
    const response = await fetch(`${apiBase}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${session.token ?? ''}`,
        ...(body ? { 'content-type': 'application/json' } : {}),
      },
      ...(body ? { body: JSON.stringify(body) } : {}),
    });
    const answer = await response.json().catch(() => ({}));
    if (response.status === 401 && !retried) {
      const stepUp = answer.error === 'insufficient_user_authentication';
      if (await (stepUp ? session.stepUp(answer) : session.refresh())) return call(method, path, body, true);
    }
    if (!response.ok) throw new ApiError(response.status, answer);
    return answer;
  }
  return {
    /** @param {string} path */
    get: (path) => call('GET', path),
    /** @param {string} path @param {object} [body] */
    post: (path, body) => call('POST', path, body ?? {}),
  };
}
