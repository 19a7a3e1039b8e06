/**
 * The common ends of every Express app: security headers, request logging with ids and a JSON body
 * parser with a size limit at the front; unknown routes and the global error handler at the back.
 */
import express, { type Express, type Request, type RequestHandler, type Response } from 'express';
import helmet from 'helmet';
import type { Logger } from 'pino';
import type { TrustProxy } from './config.js';
import { requestLogger } from './logger.js';
import { errorHandler, notFoundHandler } from './problem.js';

export interface BaseAppOptions {
  logger: Logger;
  /** Largest accepted JSON body, e.g. '100kb'. */
  jsonLimit?: string;
  /**
   * Express `trust proxy` (TRUST_PROXY): the proxies whose X-Forwarded-* headers are believed, for the
   * client's address (rate limits) and the URLs the app gives out (public-url.ts). None by default.
   */
  trustProxy?: TrustProxy;
}

export function createBaseApp({ logger, jsonLimit = '100kb', trustProxy = 0 }: BaseAppOptions): Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', trustProxy);
  app.use(requestLogger(logger));
  app.use(
    headersComputedOnce(
      helmet({
        // Swagger UI at /docs loads its own inline styles and images; everything else is JSON.
        contentSecurityPolicy: {
          directives: { 'img-src': ["'self'", 'data:'], 'style-src': ["'self'", "'unsafe-inline'"] },
        },
      }),
    ),
  );
  app.use(express.json({ limit: jsonLimit }));
  return app;
}

/**
 * Helmet's headers, taken once at start-up and set on each response in one step: with static options
 * (no per-request CSP nonce) helmet sets the same headers every time, through a chain of 13
 * middlewares. Helmet stays the one that decides which headers and values.
 */
function headersComputedOnce(middleware: RequestHandler): RequestHandler {
  const headers: [string, string][] = [];
  const removed: string[] = [];
  const recorder = {
    setHeader(name: string, value: string) {
      headers.push([name, value]);
    },
    removeHeader(name: string) {
      removed.push(name);
    },
  };
  let called = false;
  void middleware({} as Request, recorder as unknown as Response, (err?: unknown) => {
    if (err) throw err instanceof Error ? err : new Error(String(err));
    called = true;
  });
  if (!called) throw new Error('the security headers middleware did not finish synchronously');
  return (_req, res, next) => {
    for (const [name, value] of headers) res.setHeader(name, value);
    for (const name of removed) res.removeHeader(name);
    next();
  };
}

/** Adds the 404 route and the global error handler. Call after every route is mounted. */
export function finishApp(app: Express): Express {
  app.use(notFoundHandler());
  app.use(errorHandler());
  return app;
}
