// @ts-check
/**
 * The pages an emailed link opens (verify-email, reset-password): the token comes from the link's
 * query, the form posts it (with a new password, on reset) to the API beside the page. The API path
 * is relative, so it resolves under the edge's prefix (/auth/...) as on the service's own port.
 */
const form = /** @type {HTMLFormElement} */ (document.getElementById('link-form'));
const outcome = /** @type {HTMLElement} */ (document.getElementById('outcome'));
const token = new URLSearchParams(location.search).get('token') ?? '';

if (token === '') {
  form.hidden = true;
  outcome.textContent = 'This link has no token: open the link from the email again.';
}

form.addEventListener('submit', async (event) => {
  event.preventDefault();
  const fields = Object.fromEntries(new FormData(form));
  const button = /** @type {HTMLButtonElement} */ (form.querySelector('button'));
  button.disabled = true;
  const response = await fetch(form.dataset.endpoint ?? '', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ token, ...fields }),
  }).catch(() => undefined);
  if (response?.ok) {
    form.hidden = true;
    outcome.textContent = 'Done. You can close this page and sign in.';
    return;
  }
  const problem = response ? await response.json().catch(() => ({})) : {};
  const fieldErrors = (problem.errors ?? []).map((/** @type {{ message: string }} */ e) => e.message).join('; ');
  outcome.textContent = `Not done: ${fieldErrors || problem.detail || 'the auth service did not answer; try again.'}`;
  button.disabled = false;
});
