/**
 * The pages the account emails link to: PUBLIC_URL/verify-email?token=… and
 * PUBLIC_URL/reset-password?token=… (static files from public/account). Opening one changes nothing
 * (mail scanners open links); the page's form posts the token to the API.
 */
import path from 'node:path';
import express, { Router } from 'express';

/** The pages' files: the same path from src/ and from dist/. */
export const ACCOUNT_PAGE_FILES = path.resolve(__dirname, '../../../public/account');

/** The page of each emailed link, by the link's path (its purpose). */
export const ACCOUNT_PAGES = { '/verify-email': 'verify-email.html', '/reset-password': 'reset-password.html' };

export function accountPageRoutes(): Router {
  const router = Router();
  for (const [route, file] of Object.entries(ACCOUNT_PAGES)) {
    router.get(route, (_req, res) => {
      // The query holds a single-use token: no cache keeps it.
      res.set('Cache-Control', 'no-store').sendFile(file, { root: ACCOUNT_PAGE_FILES });
    });
  }
  router.use('/account', express.static(ACCOUNT_PAGE_FILES, { index: false, fallthrough: true }));
  return router;
}
