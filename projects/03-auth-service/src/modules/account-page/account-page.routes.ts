/**
 * The account security page at /account/security: sign in (password, second factor, or a passkey
 * alone), set up an authenticator app and see its recovery codes once, manage passkeys. Static files
 * from public/account and SimpleWebAuthn's browser bundle from node_modules, under a strict
 * Content-Security-Policy: scripts and styles from this origin only, nothing inline, calls to this
 * origin only, QR codes as data: images.
 */
import path from 'node:path';
import express, { Router } from 'express';

/** The page's files: the same path from src/ and from dist/. */
export const ACCOUNT_PAGE_FILES = path.resolve(__dirname, '../../../public/account');
// The package exports only its entry point: its UMD bundle sits beside it, in dist/bundle.
const WEBAUTHN_BROWSER_BUNDLE = path.resolve(
  path.dirname(require.resolve('@simplewebauthn/browser')),
  '../dist/bundle',
);

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
  router.use('/account', (_req, res, next) => {
    res.set('Content-Security-Policy', ACCOUNT_PAGE_CSP);
    next();
  });
  router.get('/account/security', (_req, res) => {
    res.set('Cache-Control', 'no-store');
    res.sendFile(path.join(ACCOUNT_PAGE_FILES, 'security.html'));
  });
  router.use('/account/vendor/simplewebauthn', express.static(WEBAUTHN_BROWSER_BUNDLE, { index: false }));
  router.use('/account', express.static(ACCOUNT_PAGE_FILES, { index: false }));
  return router;
}
