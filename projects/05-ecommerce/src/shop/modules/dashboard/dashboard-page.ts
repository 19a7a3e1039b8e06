/**
 * What the admin page needs to know about where it runs, and its Content-Security-Policy. Behind the
 * edge proxy (X-Forwarded-Prefix, e.g. /shop) the page, the API, Socket.io and the auth service share
 * one origin: the auth service is a sibling path (/auth), so its httpOnly refresh cookie (SameSite
 * Strict, scoped to the auth path) travels with the page's calls. Reached directly (the shop's own
 * port, in development) the page calls the auth service's own URL with CORS and credentials: same
 * site (localhost), another origin, so the cookie still travels and the CSP names that origin.
 */
import type { DemoAccount as AuthDemoAccount } from '@roadmap/auth';
import { publicPrefix, siblingPath } from '@roadmap/core';
import type { Request, Response } from 'express';

export interface DashboardSettings {
  /** Where browsers reach the auth service when the page is not served through the edge. */
  authPublicUrl: string;
  /** The auth service's path on the edge, beside this app's prefix. */
  authEdgePath: string;
  /** RabbitMQ's management UI, linked from the page when set. */
  rabbitmqManagementUrl?: string | undefined;
  /** Demo accounts to show on the login form: the seeded ones in development, none in production. */
  demoAccounts?: DemoAccount[];
}

export interface DashboardConfig {
  /** The shop's API, the Socket.io path, bull-board: all under this app's prefix. */
  apiBase: string;
  socketPath: string;
  queuesUrl: string;
  /** The auth service's /api/v1/auth, relative (through the edge) or absolute (direct). */
  authBase: string;
  rabbitmqManagementUrl: string | null;
  /** The seeded demo accounts, shown on the login form (development only). */
  demoAccounts: DemoAccount[];
}

/** An account the login form offers to fill in. */
export type DemoAccount = Pick<AuthDemoAccount, 'email' | 'password' | 'role'>;

const AUTH_API = '/api/v1/auth';

/**
 * The page's configuration as this request reached it: under the edge's prefix (a trusted
 * X-Forwarded-Prefix, see @roadmap/core's public-url) or directly; the answer varies on it.
 */
export function dashboardConfig(req: Request, res: Response, settings: DashboardSettings): DashboardConfig {
  const prefix = publicPrefix(req, res);
  return {
    apiBase: `${prefix}/api/v1`,
    socketPath: `${prefix}/socket.io`,
    queuesUrl: `${prefix}/admin/queues/`,
    authBase: siblingPath(req, res, { edgePath: settings.authEdgePath, directUrl: settings.authPublicUrl }, AUTH_API),
    rabbitmqManagementUrl: settings.rabbitmqManagementUrl ?? null,
    demoAccounts: settings.demoAccounts ?? [],
  };
}

/**
 * The page's policy: its own scripts and styles only (nothing inline), images from itself, and
 * connections to itself (the API, Socket.io over WebSocket) and, when it is another origin, the auth service.
 */
export function dashboardCsp(config: DashboardConfig): string {
  const auth = /^https?:\/\//.test(config.authBase) ? ` ${new URL(config.authBase).origin}` : '';
  return [
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    "font-src 'self'",
    `connect-src 'self'${auth}`,
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    "object-src 'none'",
  ].join('; ');
}
