/**
 * Cache-aside for catalog pages in Redis, invalidated by version: every key embeds the current catalog
 * version, and a write bumps the version after its commit, so a read that starts after a write can
 * only miss and rebuild. A miss is rebuilt once per key: concurrent misses in this process share one
 * promise, and across processes a short Redis lock lets one rebuild while the others wait for its
 * result. Redis down (or slow past the command timeout) means the page comes from PostgreSQL.
 */
import { randomUUID } from 'node:crypto';
import type { Logger } from '@roadmap/core';
import type { Redis } from 'ioredis';

export interface CatalogCacheOptions {
  redis: Redis;
  /** Key prefix, e.g. `shop:`. */
  prefix: string;
  ttlSeconds: number;
  /** How long one rebuild may hold the lock; waiters poll for its result this long at most. */
  lockMs?: number;
  logger: Logger;
}

export interface CacheStats {
  hits: number;
  misses: number;
  rebuilds: number;
  bypassed: number;
}

export interface CacheRead<T> {
  value: T;
  source: 'cache' | 'database';
}

export class CatalogCache {
  readonly stats: CacheStats = { hits: 0, misses: 0, rebuilds: 0, bypassed: 0 };
  private readonly inflight = new Map<string, Promise<CacheRead<unknown>>>();
  private invalidationOwed = false;

  constructor(private readonly options: CatalogCacheOptions) {
    // A version bump that failed during an outage is made as soon as Redis is back.
    options.redis.on('ready', () => {
      if (this.invalidationOwed) void this.invalidate();
    });
  }

  private get versionKey(): string {
    return `${this.options.prefix}catalog:version`;
  }

  async read<T>(key: string, load: () => Promise<T>): Promise<CacheRead<T>> {
    const { redis, prefix } = this.options;
    let fullKey: string;
    try {
      const version = (await redis.get(this.versionKey)) ?? '0';
      fullKey = `${prefix}catalog:v${version}:${key}`;
      const cached = await redis.get(fullKey);
      if (cached !== null) {
        this.stats.hits += 1;
        return { value: JSON.parse(cached) as T, source: 'cache' };
      }
    } catch (err) {
      this.stats.bypassed += 1;
      this.options.logger.debug({ err }, 'catalog cache unavailable; reading PostgreSQL');
      return { value: await this.rebuild(load), source: 'database' };
    }
    this.stats.misses += 1;
    const running = this.inflight.get(fullKey);
    if (running) return running as Promise<CacheRead<T>>;
    const work = this.fill(fullKey, load).finally(() => this.inflight.delete(fullKey));
    this.inflight.set(fullKey, work);
    return work;
  }

  private async rebuild<T>(load: () => Promise<T>): Promise<T> {
    this.stats.rebuilds += 1;
    return load();
  }

  private async fill<T>(fullKey: string, load: () => Promise<T>): Promise<CacheRead<T>> {
    const { redis, ttlSeconds, lockMs = 3_000 } = this.options;
    const lockKey = `${fullKey}:lock`;
    const token = randomUUID();
    const locked = await redis.set(lockKey, token, 'PX', lockMs, 'NX').catch(() => null);
    if (locked !== 'OK') {
      const built = await this.awaitOtherRebuild<T>(fullKey, lockMs);
      if (built !== undefined) return { value: built, source: 'cache' };
    }
    const value = await this.rebuild(load);
    try {
      await redis.set(fullKey, JSON.stringify(value), 'EX', ttlSeconds);
      if (locked === 'OK') await redis.eval(RELEASE_LOCK, 1, lockKey, token);
    } catch (err) {
      this.options.logger.debug({ err }, 'could not store a catalog page in the cache');
    }
    return { value, source: 'database' };
  }

  /** Another process holds the rebuild lock: poll for its result, bounded by the lock's lifetime. */
  private async awaitOtherRebuild<T>(fullKey: string, lockMs: number): Promise<T | undefined> {
    const deadline = Date.now() + lockMs;
    while (Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 20));
      const cached = await this.options.redis.get(fullKey).catch(() => null);
      if (cached !== null) return JSON.parse(cached) as T;
    }
    return undefined;
  }

  /** Makes every cached page unreachable. Call after the write committed. */
  async invalidate(): Promise<void> {
    try {
      await this.options.redis.incr(this.versionKey);
      this.invalidationOwed = false;
    } catch (err) {
      this.invalidationOwed = true;
      this.options.logger.warn({ err }, 'catalog cache version bump failed; retried when Redis is back');
    }
  }
}

/** Deletes the lock only if this process still owns it. */
const RELEASE_LOCK = `if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) end return 0`;
