// @ts-check
/* global document -- a page of the edge, outside the projects whose public/ files ESLint knows run in a browser */
/**
 * Each card's readiness, read from its app's /readyz through this edge: "ready", "degraded" with the
 * dependency that is down (the app still serves), "not ready" naming what is missing, or unreachable.
 * Read again every 15 seconds, so a dependency stopped or started shows without a reload.
 */
const REFRESH_MS = 15_000;
const TIMEOUT_MS = 4_000;

/** @param {Record<string, { status: string }>} checks */
const down = (checks) =>
  Object.entries(checks ?? {})
    .filter(([, check]) => check.status !== 'up')
    .map(([name]) => name);

/** @param {HTMLElement} element */
async function showReadiness(element) {
  const url = element.dataset.readyz ?? '';
  /** @type {[string, string]} */
  let shown;
  try {
    const response = await fetch(url, { cache: 'no-store', signal: AbortSignal.timeout(TIMEOUT_MS) });
    const body = await response.json().catch(() => ({}));
    const missing = down(body.checks).join(', ');
    if (body.status === 'ready') shown = ['ready', 'Ready'];
    else if (body.status === 'degraded')
      shown = ['degraded', `Degraded: ${missing || 'a dependency'} down, still serving`];
    else if (body.status === 'draining') shown = ['down', 'Shutting down'];
    else if (body.status === 'not ready') shown = ['down', `Not ready: ${missing || 'a dependency'} down`];
    else shown = ['down', `Not reachable (the edge answered ${response.status}): is it started?`];
  } catch {
    shown = ['down', 'Not reachable: is it started?'];
  }
  element.dataset.state = shown[0];
  element.textContent = shown[1];
}

function refresh() {
  for (const element of document.querySelectorAll('[data-readyz]'))
    void showReadiness(/** @type {HTMLElement} */ (element));
}

refresh();
setInterval(refresh, REFRESH_MS);
