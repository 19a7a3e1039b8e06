// @ts-check
/**
 * The admin page's prompt for a second factor: a modal dialog asking for the code of the admin's
 * authenticator app (or a recovery code). The session uses it to finish a sign-in that answered
 * `mfaRequired`, and to step up when a refund answers 401 insufficient_user_authentication (RFC 9470).
 * Built with the DOM (nothing inline, for the page's CSP).
 */

/** @typedef {{ code: string } | { recoveryCode: string }} SecondFactorProof */

/**
 * @param {string} accountPageUrl the auth service's account page, where a factor is set up
 * @returns {(reason: string) => Promise<SecondFactorProof | null>} null when the admin cancels
 */
export function secondFactorPrompt(accountPageUrl) {
  return (reason) =>
    new Promise((resolve) => {
      const dialog = document.createElement('dialog');
      dialog.id = 'second-factor';
      dialog.setAttribute('aria-labelledby', 'second-factor-title');
      const form = document.createElement('form');
      form.method = 'dialog';
      const title = Object.assign(document.createElement('h2'), {
        id: 'second-factor-title',
        textContent: 'Confirm it is you',
      });
      const why = Object.assign(document.createElement('p'), { textContent: reason });
      const label = Object.assign(document.createElement('label'), {
        htmlFor: 'second-factor-code',
        textContent: 'Code from your authenticator app (or a recovery code)',
      });
      const input = Object.assign(document.createElement('input'), {
        id: 'second-factor-code',
        autocomplete: 'one-time-code',
        required: true,
      });
      const help = document.createElement('p');
      const link = Object.assign(document.createElement('a'), {
        href: accountPageUrl,
        target: '_blank',
        rel: 'noopener',
        textContent: 'set one up',
      });
      help.append('No authenticator app or passkey yet? ', link, ' first.');
      const confirm = Object.assign(document.createElement('button'), { type: 'submit', textContent: 'Confirm' });
      const cancel = Object.assign(document.createElement('button'), { type: 'button', textContent: 'Cancel' });
      form.append(title, why, label, input, confirm, cancel, help);
      dialog.append(form);
      document.body.append(dialog);

      /** @param {SecondFactorProof | null} proof */
      const finish = (proof) => {
        dialog.close();
        dialog.remove();
        resolve(proof);
      };
      form.addEventListener('submit', (event) => {
        event.preventDefault();
        const value = input.value.trim();
        finish(/^\d{6}$/.test(value) ? { code: value } : { recoveryCode: value });
      });
      cancel.addEventListener('click', () => finish(null));
      dialog.addEventListener('cancel', () => finish(null));
      dialog.showModal();
      input.focus();
    });
}
