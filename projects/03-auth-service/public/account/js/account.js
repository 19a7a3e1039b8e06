// @ts-check
/**
 * The account security page: sign in (password then a second factor, or a passkey alone), set up an
 * authenticator app and see the recovery codes once, add, rename and remove passkeys. A change the
 * API refuses with insufficient_user_authentication asks for the second factor again (step-up) and
 * is retried with the new token.
 */
import { api, ApiError, assertPasskey, createPasskey, resume, session } from './auth-api.js';

/** @param {string} id */
const byId = (id) => /** @type {HTMLElement} */ (document.getElementById(id));
/** @param {string} id */
const inputValue = (id) => /** @type {HTMLInputElement} */ (byId(id)).value.trim();

/** @param {string} text @param {'error' | 'info'} [kind] */
function say(text, kind = 'info') {
  byId('message').textContent = text;
  byId('message').className = kind;
}

/** @param {'sign-in' | 'second-factor' | 'account'} view */
function show(view) {
  for (const id of ['sign-in', 'second-factor', 'account']) byId(id).hidden = id !== view;
}

/**
 * Shows the second-factor form and resolves with what the user chose: a code (6 digits: the app's;
 * otherwise a recovery code) or a passkey, proven with the options `passkeyOptions` fetches.
 * @param {string} why
 * @param {() => Promise<object>} passkeyOptions
 * @param {'sign-in' | 'second-factor' | 'account'} back the view to return to
 */
function askSecondFactor(why, passkeyOptions, back) {
  byId('second-factor-why').textContent = why;
  show('second-factor');
  return new Promise((resolve, reject) => {
    const form = /** @type {HTMLFormElement} */ (byId('second-factor-form'));
    const passkey = byId('second-factor-passkey');
    const done = () => {
      form.onsubmit = null;
      passkey.onclick = null;
      form.reset();
      show(back);
    };
    form.onsubmit = (event) => {
      event.preventDefault();
      const code = inputValue('second-factor-code');
      done();
      resolve(/^\d{6}$/.test(code) ? { code } : { recoveryCode: code });
    };
    passkey.onclick = async () => {
      try {
        const proof = { passkey: await assertPasskey(await passkeyOptions()) };
        done();
        resolve(proof);
      } catch (err) {
        done();
        reject(err);
      }
    };
  });
}

/**
 * Runs `action`; when the API wants a fresher second factor, asks for it, steps up, and runs it again.
 * @param {() => Promise<void>} action
 */
async function withStepUp(action) {
  try {
    await action();
  } catch (err) {
    if (!(err instanceof ApiError && err.needsStepUp)) throw err;
    const proof = await askSecondFactor(
      'This change needs your second factor again.',
      () => api('/mfa/step-up/passkey-options', { body: {} }),
      'account',
    );
    session.set((await api('/mfa/step-up', { body: proof })).accessToken);
    await action();
  }
}

/** @param {string[] | null} codes */
function showRecoveryCodes(codes) {
  if (!codes) return;
  const list = byId('recovery-codes');
  list.replaceChildren(...codes.map((code) => Object.assign(document.createElement('li'), { textContent: code })));
  byId('recovery-new').hidden = false;
}

async function renderPasskeys() {
  const { data } = await api('/passkeys');
  byId('passkeys').replaceChildren(
    ...data.map((/** @type {{ id: string, name: string }} */ passkey) => {
      const item = Object.assign(document.createElement('li'), { textContent: passkey.name });
      item.dataset.passkeyId = passkey.id;
      const rename = Object.assign(document.createElement('button'), { type: 'button', textContent: 'Rename' });
      rename.onclick = () =>
        run(async () => {
          const name = prompt('New name', passkey.name);
          if (name) await api(`/passkeys/${passkey.id}`, { method: 'PATCH', body: { name } });
          await render();
        });
      const remove = Object.assign(document.createElement('button'), { type: 'button', textContent: 'Remove' });
      remove.onclick = () =>
        run(() => withStepUp(async () => api(`/passkeys/${passkey.id}`, { method: 'DELETE' })).then(render));
      item.append(rename, remove);
      return item;
    }),
  );
}

async function render() {
  const claims = session.claims();
  const [status, { user }] = await Promise.all([api('/mfa'), api('/me')]);
  byId('who').textContent = `Signed in as ${user.email} (amr: ${(claims?.amr ?? []).join(', ')})`;
  byId('who').dataset.amr = (claims?.amr ?? []).join(' ');
  byId('enrolment-required').hidden = !status.enrolmentRequired;
  byId('totp-state').textContent = status.totp === 'on' ? 'On.' : 'Off.';
  byId('totp-start').hidden = status.totp === 'on';
  byId('totp-disable').hidden = status.totp !== 'on';
  byId('recovery-state').textContent = `${status.recoveryCodesLeft} unused codes left.`;
  await renderPasskeys();
  show('account');
}

/** @param {() => Promise<unknown>} action */
async function run(action) {
  say('');
  try {
    await action();
  } catch (err) {
    say(err instanceof Error ? err.message : String(err), 'error');
  }
}

/** @param {{ accessToken?: string, mfaRequired?: boolean, mfaTicket?: string }} answer */
async function signedIn(answer) {
  if (answer.mfaRequired && answer.mfaTicket) {
    const mfaTicket = answer.mfaTicket;
    const proof = await askSecondFactor(
      'Enter the code your authenticator app shows, or one of your recovery codes, or use a passkey.',
      () => api('/login/mfa/passkey-options', { body: { mfaTicket } }),
      'sign-in',
    );
    return signedIn(await api('/login/mfa', { body: { mfaTicket, ...proof } }));
  }
  session.set(answer.accessToken ?? null);
  // A user who must enrol gets a token for that only; once enrolled, a refresh lifts the restriction.
  await render();
}

byId('password-form').addEventListener('submit', (event) => {
  event.preventDefault();
  void run(async () =>
    signedIn(await api('/login', { body: { email: inputValue('email'), password: inputValue('password') } })),
  );
});
byId('passkey-sign-in').addEventListener('click', () =>
  run(async () => {
    const response = await assertPasskey(await api('/login/passkey/options', { body: {} }));
    await signedIn(await api('/login/passkey', { body: { response } }));
  }),
);
byId('sign-out').addEventListener('click', () =>
  run(async () => {
    await api('/logout', { body: {} });
    session.set(null);
    byId('recovery-new').hidden = true;
    byId('who').textContent = '';
    show('sign-in');
  }),
);
byId('totp-start').addEventListener('click', () =>
  run(() =>
    withStepUp(async () => {
      const { secret, qrCode } = await api('/mfa/totp', { body: {} });
      /** @type {HTMLImageElement} */ (byId('totp-qr')).src = qrCode;
      byId('totp-secret').textContent = secret;
      byId('totp-setup').hidden = false;
    }),
  ),
);
byId('totp-confirm-form').addEventListener('submit', (event) => {
  event.preventDefault();
  void run(async () => {
    const { recoveryCodes } = await api('/mfa/totp/confirm', { body: { code: inputValue('totp-code') } });
    byId('totp-setup').hidden = true;
    showRecoveryCodes(recoveryCodes);
    await resume();
    await render();
  });
});
byId('totp-disable').addEventListener('click', () =>
  run(() => withStepUp(async () => api('/mfa/totp', { method: 'DELETE' })).then(render)),
);
byId('recovery-regenerate').addEventListener('click', () =>
  run(() =>
    withStepUp(async () => showRecoveryCodes((await api('/mfa/recovery-codes', { body: {} })).recoveryCodes)).then(
      render,
    ),
  ),
);
byId('passkey-add-form').addEventListener('submit', (event) => {
  event.preventDefault();
  void run(() =>
    withStepUp(async () => {
      const response = await createPasskey(await api('/passkeys/registration-options', { body: {} }));
      const name = inputValue('passkey-name');
      const { recoveryCodes } = await api('/passkeys', { body: { response, ...(name ? { name } : {}) } });
      showRecoveryCodes(recoveryCodes);
      if (recoveryCodes) await resume();
      await render();
    }),
  );
});

if (await resume()) await run(render);
else show('sign-in');
