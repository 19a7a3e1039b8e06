/**
 * The storefront at /store/ (static files from public/store, its configuration at /store/config.json).
 * The page is not an API: it calls the shop's public API like any other client.
 */
import path from 'node:path';
import express, { Router, type Request, type Response } from 'express';
import { storefrontConfig, storefrontCsp, type StorefrontSettings } from './storefront-page.js';

/** The page's files: the same path from src/ and from dist/. */
export const STOREFRONT_FILES = path.resolve(__dirname, '../../../../public/store');

export function storefrontRoutes(settings: StorefrontSettings): Router {
  const router = Router();
  const page = (req: Request, res: Response, next: () => void) => {
    res.setHeader('Content-Security-Policy', storefrontCsp(storefrontConfig(req, res, settings)));
    res.setHeader('Cache-Control', 'no-cache');
    next();
  };
  // Relative, so it keeps working under the edge's prefix.
  router.get('/store', (req, res, next) => (req.path === '/store' ? res.redirect(301, 'store/') : next()));
  router.get('/store/config.json', (req, res) => {
    res.set('Cache-Control', 'no-store').json(storefrontConfig(req, res, settings));
  });
  router.use('/store', page, express.static(STOREFRONT_FILES, { index: 'index.html', redirect: false }));
  return router;
}
