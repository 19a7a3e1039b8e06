/**
 * What the storefront page needs to know about where it runs, and its Content-Security-Policy. The
 * store is meant to be opened through the edge (one origin: /shop/store/ beside /auth and /payments),
 * where the auth service's refresh cookie and the payments API are same-origin. Reached on the shop's
 * own port it calls the sibling services' own URLs, which the policy then names.
 */
import { publicPrefix, siblingPath, type SiblingApp } from '@roadmap/core';
import type { Request, Response } from 'express';
import type { DashboardSettings } from '../dashboard/index.js';

export interface StorefrontSettings {
  /** Where the page finds the auth service (the dashboard's settings: same service, same demo accounts). */
  dashboard: DashboardSettings;
  /** The payments service, where the buyer confirms a payment with a card. */
  payments: SiblingApp;
}

export interface StorefrontConfig {
  /** The shop's API and its Socket.io path, under this app's prefix. */
  apiBase: string;
  socketPath: string;
  /** The auth service's /api/v1/auth and the payments service's /api/v1: relative on the edge, absolute directly. */
  authBase: string;
  paymentsBase: string;
  /** The seeded demo accounts, offered on the sign-in form (development only). */
  demoAccounts: { email: string; password: string; role: string }[];
}

export function storefrontConfig(req: Request, res: Response, settings: StorefrontSettings): StorefrontConfig {
  const prefix = publicPrefix(req, res);
  const auth = { edgePath: settings.dashboard.authEdgePath, directUrl: settings.dashboard.authPublicUrl };
  return {
    apiBase: `${prefix}/api/v1`,
    socketPath: `${prefix}/socket.io`,
    authBase: siblingPath(req, res, auth, '/api/v1/auth'),
    paymentsBase: siblingPath(req, res, settings.payments, '/api/v1'),
    demoAccounts: (settings.dashboard.demoAccounts ?? []).filter((account) => account.role !== 'admin'),
  };
}

const originOf = (url: string) => (/^https?:\/\//.test(url) ? ` ${new URL(url).origin}` : '');

/** Its own scripts, styles and images only (nothing inline), and connections to itself and its siblings. */
export function storefrontCsp(config: StorefrontConfig): string {
  const siblings = [...new Set([originOf(config.authBase), originOf(config.paymentsBase)])].join('');
  return [
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    `connect-src 'self'${siblings}`,
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    "object-src 'none'",
  ].join('; ');
}
