/** createShopApp(deps) -> the shop API as an Express app. No listening, no global connections. */
import { DEMO_ACCOUNTS, requireAuth, requireRole, type AccessTokenVerifier } from '@roadmap/auth';
import {
  createBaseApp,
  docsRoutes,
  methodNotAllowed,
  finishApp,
  type Lifecycle,
  type Logger,
  type ReadinessCheck,
  type TrustProxy,
} from '@roadmap/core';
import { redisReadiness } from '@roadmap/redis';
import cookieParser from 'cookie-parser';
import type { Express, Request } from 'express';
import type Bull from 'bull';
import type { Redis } from 'ioredis';
import type { Kysely } from 'kysely';
import { systemClock, type Clock } from '../platform/clock.js';
import type { Outbox } from '../platform/messaging/outbox.js';
import { serviceHealthRoutes } from '../platform/readiness.js';
import { redisRateLimit } from '../platform/rate-limit.js';
import type { ShopDatabase } from './database.js';
import { AuditLog, AuditRepository, auditAdminRoutes } from './modules/audit/index.js';
import { dashboardRoutes, queuesSessionRoutes, type DashboardSettings } from './modules/dashboard/index.js';
import { CartRepository, CartService, CartTokens, cartRoutes } from './modules/cart/index.js';
import {
  CatalogCache,
  ProductRepository,
  ProductService,
  catalogAdminRoutes,
  catalogRoutes,
} from './modules/catalog/index.js';
import {
  CheckoutService,
  IdempotencyRepository,
  checkoutRoutes,
  type OrderPlacedHook,
} from './modules/checkout/index.js';
import { InventoryService, inventoryAdminRoutes } from './modules/inventory/index.js';
import {
  OrderChanges,
  OrderRepository,
  OrderService,
  PaymentOutcomes,
  orderAdminRoutes,
  orderRoutes,
} from './modules/orders/index.js';
import { RealtimeService } from './modules/realtime/index.js';
import { ReportRepository, ReportService, reportAdminRoutes } from './modules/reports/index.js';
import { storefrontRoutes } from './modules/storefront/index.js';
import { createShopOpenApiDocument, SHOP_API_BASE } from './openapi.js';

export interface ShopSettings {
  cartTokenSecret: string;
  reservationTtlSeconds: number;
  lowStockThreshold: number;
  cacheTtlSeconds: number;
  /** Where clients reach the payments service on its own (PAYMENTS_PUBLIC_URL), for `paymentUrl`. */
  paymentsUrl: string;
  /** Its path on the edge, beside the shop's (PAYMENTS_EDGE_PATH), for `paymentUrl` through the edge. */
  paymentsEdgePath?: string;
  /** Prefix of the Redis keys of the cache and rate limits, e.g. `ecommerce:shop:`. */
  redisPrefix: string;
  rateLimitPerMinute: number;
  checkoutRateLimitPerMinute: number;
  /**
   * The proxies whose X-Forwarded-* headers are believed (the edge: 1): rate limits count clients, not
   * the proxy, and the links the shop gives out follow the edge's prefix.
   */
  trustProxy?: TrustProxy;
}

export interface ShopDeps {
  logger: Logger;
  db: Kysely<ShopDatabase>;
  /** The cache and rate-limit client (see createCacheRedis). */
  redis: Redis;
  /** Readiness of every Redis connection of the process; defaults to the cache client's. */
  redisReady?: ReadinessCheck;
  verifier: AccessTokenVerifier;
  outbox: Outbox;
  settings: ShopSettings;
  clock?: Clock;
  lifecycle?: Lifecycle;
  /** Schedules a new order's expiry (the Bull job); none in tests that expire by sweep. */
  onOrderPlaced?: OrderPlacedHook;
  /** The broker's state, for readiness (optional: orders are accepted while it is down). */
  brokerConnected?: () => boolean;
  /** Where the admin page finds the auth service and RabbitMQ's UI; development values by default. */
  dashboard?: DashboardSettings;
  /** The queues bull-board shows at /admin/queues/. */
  queues?: readonly Bull.Queue[];
  /** Readiness of the Socket.io Redis adapter (optional: without it, broadcasts stay on this instance). */
  realtimeReady?: ReadinessCheck;
}

export const DEVELOPMENT_DASHBOARD: DashboardSettings = {
  authPublicUrl: 'http://localhost:3003',
  authEdgePath: '/auth',
  demoAccounts: demoLogins(),
};

/** The seeded demo accounts, as the admin page's login form offers them (outside production). */
export function demoLogins(): DashboardSettings['demoAccounts'] {
  return DEMO_ACCOUNTS.map(({ email, password, role }) => ({ email, password, role }));
}

export interface ShopServices {
  audit: AuditLog;
  cache: CatalogCache;
  products: ProductService;
  inventory: InventoryService;
  cartTokens: CartTokens;
  carts: CartService;
  orders: OrderService;
  checkout: CheckoutService;
  paymentOutcomes: PaymentOutcomes;
  reports: ReportService;
  realtime: RealtimeService;
}

export function createShopServices(deps: ShopDeps): ShopServices {
  const { db, outbox, settings, logger } = deps;
  const clock = deps.clock ?? systemClock;
  const cache = new CatalogCache({
    redis: deps.redis,
    prefix: settings.redisPrefix,
    ttlSeconds: settings.cacheTtlSeconds,
    logger,
  });
  const audit = new AuditLog({ audit: new AuditRepository(db) });
  const inventory = new InventoryService({ db, outbox, cache, lowStockThreshold: settings.lowStockThreshold, audit });
  const cartRepository = new CartRepository(db);
  const cartTokens = new CartTokens(settings.cartTokenSecret);
  const orderRepository = new OrderRepository(db);
  const changes = new OrderChanges({ orders: orderRepository, outbox });
  const orders = new OrderService({ db, orders: orderRepository, changes, inventory, outbox, clock, audit });
  return {
    audit,
    cache,
    products: new ProductService({ db, products: new ProductRepository(db), cache, audit }),
    inventory,
    cartTokens,
    carts: new CartService({ db, carts: cartRepository, tokens: cartTokens }),
    orders,
    checkout: new CheckoutService({
      db,
      carts: cartRepository,
      orders: orderRepository,
      idempotency: new IdempotencyRepository(),
      changes,
      inventory,
      outbox,
      clock,
      reservationTtlSeconds: settings.reservationTtlSeconds,
      onPlaced: deps.onOrderPlaced ?? (async () => undefined),
    }),
    paymentOutcomes: new PaymentOutcomes({
      db,
      orders: orderRepository,
      orderService: orders,
      changes,
      inventory,
      outbox,
      clock,
      logger,
    }),
    reports: new ReportService({
      reports: new ReportRepository(db),
      clock,
      lowStockThreshold: settings.lowStockThreshold,
    }),
    realtime: new RealtimeService({
      find: (id) => orderRepository.find(id),
      recent: (filter) => orderRepository.recent(filter),
    }),
  };
}

export function createShopApp(deps: ShopDeps, services: ShopServices = createShopServices(deps)): Express {
  const { settings, verifier, redis } = deps;
  const app = createBaseApp({ logger: deps.logger, jsonLimit: '64kb', trustProxy: settings.trustProxy ?? 0 });
  app.use(cookieParser(settings.cartTokenSecret));
  app.use(
    serviceHealthRoutes({
      db: deps.db,
      ...(deps.brokerConnected ? { brokerConnected: deps.brokerConnected } : {}),
      degradable: {
        redis: deps.redisReady ?? redisReadiness(() => [redis]),
        ...(deps.realtimeReady ? { 'socket.io redis': deps.realtimeReady } : {}),
      },
      lifecycle: deps.lifecycle,
    }),
  );
  const document = createShopOpenApiDocument();
  app.use(docsRoutes(document));
  app.use(methodNotAllowed(document));
  const admin = [requireAuth(verifier), requireRole('admin')];
  // Admin answers are private and change all the time: never stored, never revalidated (no 304).
  app.use(`${SHOP_API_BASE}/admin`, (_req, res, next) => {
    res.set('Cache-Control', 'no-store');
    next();
  });
  // Writes are limited per client; catalog reads are cheap cache hits and are left to the edge.
  const isRead = (req: Request) => req.method === 'GET' || req.method === 'HEAD';
  app.use(
    SHOP_API_BASE,
    redisRateLimit({
      redis,
      prefix: settings.redisPrefix,
      name: 'api',
      perMinute: settings.rateLimitPerMinute,
      logger: deps.logger,
      skip: isRead,
    }),
  );
  app.use(SHOP_API_BASE, catalogRoutes(services.products));
  app.use(SHOP_API_BASE, cartRoutes(services.carts, services.cartTokens, verifier));
  app.use(
    SHOP_API_BASE,
    checkoutRoutes(
      services.checkout,
      services.cartTokens,
      verifier,
      redisRateLimit({
        redis,
        prefix: settings.redisPrefix,
        name: 'checkout',
        perMinute: settings.checkoutRateLimitPerMinute,
        logger: deps.logger,
      }),
      { edgePath: settings.paymentsEdgePath ?? '/payments', directUrl: settings.paymentsUrl },
    ),
  );
  app.use(SHOP_API_BASE, orderRoutes(services.orders, services.cartTokens, verifier));
  app.use(`${SHOP_API_BASE}/admin`, catalogAdminRoutes(services.products, admin));
  app.use(`${SHOP_API_BASE}/admin`, inventoryAdminRoutes(services.inventory, admin));
  app.use(`${SHOP_API_BASE}/admin`, orderAdminRoutes(services.orders, services.cartTokens, admin));
  app.use(`${SHOP_API_BASE}/admin`, auditAdminRoutes(services.audit, admin));
  app.use(`${SHOP_API_BASE}/admin`, reportAdminRoutes(services.reports, admin));
  app.use(
    `${SHOP_API_BASE}/admin`,
    queuesSessionRoutes(verifier, () => (deps.clock ?? systemClock).now()),
  );
  app.use(
    dashboardRoutes({
      settings: deps.dashboard ?? DEVELOPMENT_DASHBOARD,
      verifier,
      audit: services.audit,
      queues: deps.queues ?? [],
      now: () => (deps.clock ?? systemClock).now(),
    }),
  );
  app.use(
    storefrontRoutes({
      dashboard: deps.dashboard ?? DEVELOPMENT_DASHBOARD,
      payments: { edgePath: settings.paymentsEdgePath ?? '/payments', directUrl: settings.paymentsUrl },
    }),
  );
  return finishApp(app);
}
