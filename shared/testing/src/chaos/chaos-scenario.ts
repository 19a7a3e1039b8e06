/**
 * What a chaos run is made of: phases (calm, or one dependency cut or blackholed for a while), a
 * project's operations (mixed load, each a small user journey), and how to tell afterwards what
 * was written and what mail it owes.
 */
import type { Connection } from 'mongoose';
import type { FaultMode } from '../fault-proxy.js';

export type ChaosService = 'redis' | 'smtp' | 'mongo';

export interface ChaosPhase {
  name: string;
  seconds: number;
  /** The dependency broken for the whole phase; none while calm. */
  fault?: { service: ChaosService; mode: Exclude<FaultMode, 'pass'> };
}

/** Redis, then SMTP (two minutes: the real outage), then MongoDB, with calm in between. */
export const DEFAULT_CHAOS_PHASES: ChaosPhase[] = [
  { name: 'calm', seconds: 15 },
  { name: 'redis cut', seconds: 15, fault: { service: 'redis', mode: 'cut' } },
  { name: 'redis blackholed', seconds: 15, fault: { service: 'redis', mode: 'blackhole' } },
  { name: 'calm after redis', seconds: 15 },
  { name: 'smtp cut', seconds: 120, fault: { service: 'smtp', mode: 'cut' } },
  { name: 'calm after smtp', seconds: 15 },
  { name: 'mongodb cut', seconds: 20, fault: { service: 'mongo', mode: 'cut' } },
  { name: 'calm after mongodb', seconds: 15 },
];

export interface ChaosRequest {
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  path: string;
  body?: unknown;
  headers?: Record<string, string>;
}

export interface ChaosAnswer {
  /** 0 when no HTTP answer came (a network error or the client's own timeout). */
  status: number;
  body: unknown;
}

/** What an operation uses to talk to the server; every request is timed and counted. */
export interface ChaosClient {
  send(request: ChaosRequest): Promise<ChaosAnswer>;
}

export interface ChaosOperation {
  name: string;
  /** How often it is picked, relative to the others. */
  weight: number;
  run(client: ChaosClient): Promise<void>;
}

export interface WriteAudit {
  /** E.g. 'comments' or 'bookings confirmed'. */
  label: string;
  /** Answered 2xx to the client. */
  acknowledged: number;
  /** Found in the database afterwards. */
  stored: number;
  /** Acknowledged but not stored. */
  lost: number;
  /** Stored although the client was answered an error (it will retry, or see it later). */
  storedButRefused: number;
}

export interface ChaosAudit {
  writes: WriteAudit[];
  /** The dedupe key of every email the stored state owes. */
  owedMailKeys: string[];
}

export interface ChaosScenario {
  /** The project, e.g. 'blog'. */
  name: string;
  /** Its src/server.ts. */
  server: string;
  /** The server's environment, given where its services are (through the fault proxies). */
  env(services: { mongoUrl: string; redisUrl: string; redisPrefix: string; smtpUrl: string }): Record<string, string>;
  /** The Message-ID the server gives the email with this key (@roadmap/mail's messageIdFor). */
  messageIdOf(key: string): string;
  /** Seeds what the operations need, on a direct connection to the run's database. */
  setup(connection: Connection): Promise<void>;
  operations: ChaosOperation[];
  /** After the run, on a direct connection: what was written, and what mail it owes. */
  audit(connection: Connection): Promise<ChaosAudit>;
  /** Concurrent clients (default 6). */
  workers?: number;
}
