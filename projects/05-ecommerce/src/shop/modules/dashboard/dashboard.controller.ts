/** HTTP for the admin page: its configuration, and a bull-board session opened for its bearer token. */
import { currentUser } from '@roadmap/auth';
import type { Request, Response } from 'express';
import { QUEUES_PATH } from './bull-board.js';
import { dashboardConfig, type DashboardSettings } from './dashboard-page.js';
import { openQueuesSession } from './queues-session.js';

export function createDashboardController(settings: DashboardSettings) {
  return {
    config(req: Request, res: Response) {
      res.set('Cache-Control', 'no-store').json(dashboardConfig(req, res, settings));
    },
  };
}

export function createQueuesSessionController(now: () => Date) {
  return {
    open(req: Request, res: Response) {
      const expiresAt = openQueuesSession(req, res, currentUser(req), QUEUES_PATH, now());
      res.status(201).json({ url: 'queues/', expiresAt: expiresAt.toISOString() });
    },
  };
}
