/**
 * The demo accounts the auth service's seed creates (scripts/start.sh, docker compose): an admin and
 * a customer. Their passwords are public on purpose; pages that run in development show them, and
 * production starts without them (the seed is a development step).
 */
import type { Role } from './roles.js';

export interface DemoAccount {
  email: string;
  password: string;
  name: string;
  username: string;
  role: Role;
}

export const DEMO_ACCOUNTS: readonly DemoAccount[] = [
  { email: 'admin@example.com', password: 'Admin-password-1', name: 'Ada Admin', username: 'admin', role: 'admin' },
  { email: 'demo@example.com', password: 'Demo-password-1', name: 'Demo User', username: 'demo', role: 'user' },
];
