/**
 * The shop process, put together from connections opened elsewhere: its services and app, the
 * broker's consumers, Socket.io, the Bull jobs and what closes them. server.ts passes the real
 * connections; the tests' stack passes its isolated ones, so both run this one composition.
 */
import type { AccessTokenVerifier } from '@roadmap/auth';
import type { Closer, Logger, MutableLifecycle } from '@roadmap/core';
import { closeQueue, openQueue, redisReadiness, type QueueRedis } from '@roadmap/redis';
import type Bull from 'bull';
import type { Server } from 'node:http';
import type { Express } from 'express';
import type { Redis } from 'ioredis';
import type { Kysely } from 'kysely';
import { systemClock, type Clock } from '../platform/clock.js';
import type { BrokerOptions, Consumer } from '../platform/messaging/broker.js';
import { startMessagingMaintenance } from '../platform/messaging/maintenance.js';
import { createMessaging, type Messaging, type MessagingSettings } from '../platform/runtime.js';
import { createShopApp, createShopServices, type ShopDeps, type ShopServices, type ShopSettings } from './app.js';
import type { ShopDatabase } from './database.js';
import {
  EXPIRY_QUEUE,
  scheduleExpiry,
  startReservationExpiry,
  type ExpiryJob,
  type ReservationExpiry,
} from './jobs/reservation-expiry.js';
import type { DashboardSettings } from './modules/dashboard/index.js';
import { paymentOutcomesConsumer } from './modules/orders/index.js';
import {
  createRealtimeGateway,
  realtimeConsumer,
  type RealtimeAdapter,
  type RealtimeServer,
} from './modules/realtime/index.js';

export interface ShopConnections {
  logger: Logger;
  db: Kysely<ShopDatabase>;
  /** The cache and rate-limit client (see createCacheRedis). */
  redis: Redis;
  messaging: MessagingSettings;
  /** Bull's connections and key prefix: the expiry and maintenance jobs run only when given. */
  queues?: { redis: QueueRedis; prefix: string };
  /** Socket.io's Redis adapter: the gateway and its consumer exist only when given. */
  realtime?: RealtimeAdapter;
}

export interface ShopProcessOptions {
  settings: ShopSettings;
  verifier: AccessTokenVerifier;
  /** The clock of the shop's rules; events carry the real time they were written whatever it is. */
  clock?: Clock;
  lifecycle?: MutableLifecycle;
  dashboard?: DashboardSettings;
  /** Retry delay and hooks of the broker's consumers. */
  broker?: Partial<BrokerOptions>;
  jobs?: { attempts: number; backoffMs: number; expirySweepMs: number };
}

export interface ShopProcess {
  app: Express;
  deps: ShopDeps;
  services: ShopServices;
  /** Replaceable (a test may restart the process's broker); the closers stop whichever is current. */
  messaging: Messaging<ShopDatabase>;
  io: RealtimeServer | undefined;
  /** The lifecycle `serve` drives: draining also closes every socket's transport. */
  lifecycle: MutableLifecycle | undefined;
  /** What the process built and closes; the connections passed in are closed by whoever opened them. */
  closers: Closer[];
  start(): Promise<void>;
  /** Attaches Socket.io to the HTTP server (before it listens). */
  onServer(server: Server): void;
}

const DEFAULT_JOBS = { attempts: 5, backoffMs: 1000, expirySweepMs: 60_000 };

export function createShopProcess(connections: ShopConnections, options: ShopProcessOptions): ShopProcess {
  const { logger, db, redis, queues, realtime } = connections;
  const clock = options.clock ?? systemClock;
  const jobs = options.jobs ?? DEFAULT_JOBS;
  const policy = { attempts: jobs.attempts, backoffMs: jobs.backoffMs };
  const queue = <T>(name: string) =>
    queues ? openQueue<T>(name, { redis: queues.redis, prefix: queues.prefix, logger }) : undefined;
  const expiryQueue = queue<ExpiryJob>(EXPIRY_QUEUE);
  const maintenanceQueue = queue<{ prune: true }>('shop-messaging-maintenance');

  const consumers: Consumer[] = [];
  const messaging = createMessaging(connections.messaging, db, systemClock, logger, consumers, options.broker);
  const deps: ShopDeps = {
    logger,
    db,
    redis,
    // Without queues, readiness checks the cache client (createShopApp's default), whichever it is.
    ...(queues ? { redisReady: redisReadiness(() => [redis, ...queues.redis.clients()]) } : {}),
    verifier: options.verifier,
    outbox: messaging.outbox,
    clock,
    ...(options.lifecycle ? { lifecycle: options.lifecycle } : {}),
    ...(expiryQueue ? { onOrderPlaced: scheduleExpiry(expiryQueue, clock, policy, logger) } : {}),
    brokerConnected: () => shop.messaging.broker.isConnected(),
    ...(options.dashboard ? { dashboard: options.dashboard } : {}),
    queues: [expiryQueue, maintenanceQueue].filter((q): q is Bull.Queue => q !== undefined),
    ...(realtime ? { realtimeReady: realtime.readiness } : {}),
    settings: options.settings,
  };
  const services = createShopServices(deps);
  consumers.push(paymentOutcomesConsumer(services.paymentOutcomes));
  const io = realtime
    ? createRealtimeGateway({
        verifier: options.verifier,
        service: services.realtime,
        logger,
        adapter: realtime.adapter,
      })
    : undefined;
  if (io) consumers.push(realtimeConsumer(io));

  let expiry: ReservationExpiry | undefined;
  const closers: Closer[] = [
    { name: 'rabbitmq and outbox relay', stage: 'brokers', close: () => shop.messaging.stop() },
    { name: 'expiry sweep', stage: 'queues', close: () => expiry?.close() },
  ];
  if (expiryQueue) closers.push({ name: 'expiry queue', stage: 'queues', close: () => closeQueue(expiryQueue) });
  if (maintenanceQueue)
    closers.push({ name: 'maintenance queue', stage: 'queues', close: () => closeQueue(maintenanceQueue) });
  if (io) closers.push({ name: 'socket.io', stage: 'sockets', close: () => io.close() });
  if (realtime) closers.push({ name: 'socket.io redis', stage: 'redis', close: () => realtime.close() });

  const shop: ShopProcess = {
    app: createShopApp(deps, services),
    deps,
    services,
    messaging,
    io,
    // As readiness turns 503, every socket's transport is closed: its client reconnects on its own,
    // through the load balancer, to an instance that is not draining.
    lifecycle: options.lifecycle && drainingSockets(options.lifecycle, io),
    closers,
    async start() {
      await shop.messaging.start();
      if (expiryQueue)
        expiry = startReservationExpiry({
          queue: expiryQueue,
          orders: services.orders,
          sweepEveryMs: jobs.expirySweepMs,
          logger,
        });
      if (maintenanceQueue) await startMessagingMaintenance(maintenanceQueue, db, clock, logger);
    },
    onServer(server) {
      io?.attach(server);
    },
  };
  return shop;
}

function drainingSockets(lifecycle: MutableLifecycle, io: RealtimeServer | undefined): MutableLifecycle {
  if (!io) return lifecycle;
  return {
    ...lifecycle,
    startDraining: () => {
      lifecycle.startDraining();
      io.engine.close();
    },
  };
}
