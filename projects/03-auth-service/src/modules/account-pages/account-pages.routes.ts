/**
 * The auth service's own web pages, static files from public/account under one strict
 * Content-Security-Policy (scripts and styles from this origin only, nothing inline, calls to this
 * origin only, QR codes as data: images):
 * - the pages the account emails link to, PUBLIC_URL/verify-email?token=… and
 *   PUBLIC_URL/reset-password?token=…: opening one changes nothing (mail scanners open links); the
 *   page's form posts the token to the API;
 * - the account security page at /account/security: sign in (password, second factor, or a passkey
 *   alone), set up an authenticator app and see its recovery codes once, manage passkeys, with
 *   SimpleWebAuthn's browser bundle from node_modules.
 */
import path from 'node:path';
import express, { Router } from 'express';

/** The pages' files: the same path from src/ and from dist/. */
export const ACCOUNT_PAGE_FILES = path.resolve(__dirname, '../../../public/account');
// The package exports only its entry point: its UMD bundle sits beside it, in dist/bundle.
const WEBAUTHN_BROWSER_BUNDLE = path.resolve(
  path.dirname(require.resolve('@simplewebauthn/browser')),
  '../dist/bundle',
);

/** The page of each route, by path: the emailed links' purposes and the security page. */
export const ACCOUNT_PAGES = {
  '/verify-email': 'verify-email.html',
  '/reset-password': 'reset-password.html',
  '/account/security': 'security.html',
};

export const ACCOUNT_PAGE_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
  "object-src 'none'",
].join('; ');

export function accountPageRoutes(): Router {
  const router = Router();
  const strictCsp: express.RequestHandler = (_req, res, next) => {
    res.set('Content-Security-Policy', ACCOUNT_PAGE_CSP);
    next();
  };
  for (const [route, file] of Object.entries(ACCOUNT_PAGES)) {
    router.get(route, strictCsp, (_req, res) => {
      // An emailed link's query holds a single-use token, the security page shows recovery codes:
      // no cache keeps either.
      res.set('Cache-Control', 'no-store').sendFile(file, { root: ACCOUNT_PAGE_FILES });
    });
  }
  router.use('/account', strictCsp);
  router.use('/account/vendor/simplewebauthn', express.static(WEBAUTHN_BROWSER_BUNDLE, { index: false }));
  router.use('/account', express.static(ACCOUNT_PAGE_FILES, { index: false }));
  return router;
}
