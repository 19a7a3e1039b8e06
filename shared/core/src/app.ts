/**
 * The common ends of every Express app: security headers, request logging with ids and a JSON body
 * parser with a size limit at the front; unknown routes and the global error handler at the back.
 */
import express, { type Express } from 'express';
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
    helmet({
      // Swagger UI at /docs loads its own inline styles and images; everything else is JSON.
      contentSecurityPolicy: {
        directives: { 'img-src': ["'self'", 'data:'], 'style-src': ["'self'", "'unsafe-inline'"] },
      },
    }),
  );
  app.use(express.json({ limit: jsonLimit }));
  return app;
}

/** Adds the 404 route and the global error handler. Call after every route is mounted. */
export function finishApp(app: Express): Express {
  app.use(notFoundHandler());
  app.use(errorHandler());
  return app;
}
