/**
 * The one readiness rule of the three processes. `/readyz` answers 503 ("not ready") only while
 * PostgreSQL cannot be reached, or the process is draining: every piece of work is written there
 * first (orders, payments, owed emails, the outbox and inbox), so without it a process can do
 * nothing. RabbitMQ or Redis down answers 200 "degraded", naming them: what they carry waits durably
 * meanwhile (in the outbox, in the broker's queues, in the mail store) and goes on once they are
 * back, and taking the process out of rotation or restarting it would not bring them back sooner.
 */
import { healthRoutes, type Lifecycle, type ReadinessCheck } from '@roadmap/core';
import type { Router } from 'express';
import type { Kysely } from 'kysely';
import { databaseReadiness } from './database.js';

export interface ServiceReadiness<DB> {
  db: Kysely<DB>;
  /** The broker's state; RabbitMQ is reported, never required. */
  brokerConnected?: () => boolean;
  /** Redis connections and the like, reported by name, never required. */
  degradable?: Record<string, ReadinessCheck>;
  lifecycle?: Lifecycle | undefined;
}

export function serviceHealthRoutes<DB>({
  db,
  brokerConnected,
  degradable = {},
  lifecycle,
}: ServiceReadiness<DB>): Router {
  return healthRoutes({
    checks: { postgres: databaseReadiness(db) },
    optionalChecks: {
      ...degradable,
      ...(brokerConnected
        ? { rabbitmq: async () => (brokerConnected() ? undefined : Promise.reject(new Error('disconnected'))) }
        : {}),
    },
    isDraining: () => lifecycle?.isDraining() ?? false,
  });
}
