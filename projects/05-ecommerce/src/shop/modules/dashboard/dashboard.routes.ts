/**
 * The admin web page at /admin/ (static files from public/admin, chart.js from node_modules, its
 * configuration at /admin/config.json), bull-board at /admin/queues/ (admins only, every change to a
 * job audited), and the API route that opens a board session for the page.
 */
import path from 'node:path';
import { requireAuth, requireRole, type AccessTokenVerifier } from '@roadmap/auth';
import express, { Router, type Request, type RequestHandler, type Response } from 'express';
import type Bull from 'bull';
import { adminActor, type AuditLog } from '../audit/index.js';
import { bullBoard, bullBoardPolicy, QUEUES_PATH } from './bull-board.js';
import { createDashboardController, createQueuesSessionController } from './dashboard.controller.js';
import { dashboardConfig, dashboardCsp, type DashboardSettings } from './dashboard-page.js';
import { requireQueuesAdmin } from './queues-session.js';

/** The page's files: the same path from src/ and from dist/. */
export const DASHBOARD_FILES = path.resolve(__dirname, '../../../../public/admin');
const CHART_JS_FILES = path.dirname(require.resolve('chart.js'));

export interface DashboardDeps {
  settings: DashboardSettings;
  verifier: AccessTokenVerifier;
  audit: AuditLog;
  queues: readonly Bull.Queue[];
  now: () => Date;
}

/**
 * Records a successful change made through bull-board (retry, promote, clean, pause...). The job lives
 * in Redis, so there is no transaction to share: the entry is written once the board has answered
 * and before that answer is sent, so whoever sees the change done can also see it audited.
 */
function auditQueueActions(audit: AuditLog): RequestHandler {
  return (req, res, next) => {
    if (req.method === 'GET' || req.method === 'HEAD') return next();
    const end = res.end.bind(res) as (...args: unknown[]) => Response;
    res.end = ((...args: unknown[]) => {
      if (res.statusCode >= 400 || !req.user) return end(...args);
      // bull-board's API: /api/queues/<queue>[/<job>]/<action>[/<status>]
      const [queue = null, ...rest] = req.path.split('/').slice(3);
      void audit
        .recordOutside(
          adminActor(req.user),
          `queue.${rest.at(-1) ?? req.method.toLowerCase()}`,
          { type: 'queue-job', id: [queue, ...rest].join('/') || null },
          { method: req.method, path: req.path, queue },
        )
        .catch((err: unknown) => req.log.error({ err }, 'queue action done but its audit entry was not written'))
        .finally(() => end(...args));
      return res;
    }) as Response['end'];
    next();
  };
}

export function dashboardRoutes({ settings, verifier, audit, queues, now }: DashboardDeps): Router {
  const router = Router();
  const page = (req: Request, res: Response, next: () => void) => {
    res.setHeader('Content-Security-Policy', dashboardCsp(dashboardConfig(req, res, settings)));
    res.setHeader('Cache-Control', 'no-cache');
    next();
  };
  // Relative, so it keeps working under the edge's prefix.
  router.get('/admin', (req, res, next) => (req.path === '/admin' ? res.redirect(301, 'admin/') : next()));
  router.get('/admin/config.json', createDashboardController(settings).config);
  router.use('/admin/vendor/chart.js', page, express.static(CHART_JS_FILES, { index: false, fallthrough: false }));
  router.use(
    QUEUES_PATH,
    requireQueuesAdmin(verifier, now),
    auditQueueActions(audit),
    bullBoardPolicy(),
    bullBoard(queues),
  );
  router.use('/admin', page, express.static(DASHBOARD_FILES, { index: 'index.html', redirect: false }));
  return router;
}

/** POST /api/v1/admin/queues/session: the page's bearer token for a board cookie (admins only). */
export function queuesSessionRoutes(verifier: AccessTokenVerifier, now: () => Date): Router {
  const controller = createQueuesSessionController(now);
  const router = Router();
  router.post('/queues/session', requireAuth(verifier), requireRole('admin'), controller.open);
  return router;
}
