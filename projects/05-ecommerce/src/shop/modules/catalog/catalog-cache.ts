/**
 * Cache-aside for catalog pages in Redis, invalidated by version: every key embeds the current catalog
 * version, and a write bumps the version after its commit, so a read that starts after a write can
 * only miss and rebuild. A miss is rebuilt once per key: concurrent misses in this process share one
 * promise, and across processes a short Redis lock lets one rebuild while the others wait for its
 * result (the holder renews the lock while it rebuilds). Redis down (or slow past the command
 * timeout) means the page comes from PostgreSQL: `bypassed` counts those reads.
 */
import { createHash, randomUUID } from 'node:crypto';
import type { Logger } from '@roadmap/core';
import type { Redis } from 'ioredis';

export interface CatalogCacheOptions {
  redis: Redis;
  /** Key prefix, e.g. `shop:`. */
  prefix: string;
  ttlSeconds: number;
  /**
   * The rebuild lock's lifetime: the holder renews it while it rebuilds, so waiters wait for the
   * rebuild however long it takes, and for a holder that died this long at most.
   */
  lockMs?: number;
  logger: Logger;
}

export interface CacheStats {
  hits: number;
  misses: number;
  rebuilds: number;
  /** Misses that waited for another instance's rebuild rather than repeating it. */
  waits: number;
  bypassed: number;
}

/** A catalog page as JSON text: cached pages are sent as stored, never parsed and serialised again. */
export interface CacheRead {
  json: string;
  source: 'cache' | 'database';
  /** The page's bytes and their weak ETag (Express's format), made once per page and process. */
  body: Buffer;
  etag: string;
}

/** A page this process already holds, good while the catalog version is `version`. */
interface LocalPage {
  version: string;
  read: CacheRead;
  expiresAt: number;
}

/** Pages kept in memory per process: the hottest list and product pages, not the whole catalog. */
const LOCAL_PAGES = 1_000;

function pageRead(json: string, source: CacheRead['source']): CacheRead {
  const body = Buffer.from(json);
  const hash = createHash('sha1').update(body).digest('base64').substring(0, 27);
  return { json, source, body, etag: `W/"${body.length.toString(16)}-${hash}"` };
}

export class CatalogCache {
  readonly stats: CacheStats = { hits: 0, misses: 0, rebuilds: 0, waits: 0, bypassed: 0 };
  private readonly inflight = new Map<string, Promise<CacheRead>>();
  /**
   * The pages this process got from Redis, by key. Redis still answers the current version on every
   * read (so a write is seen at once by every instance), but sends the page only when this process
   * does not hold it at that version: a hit moves a few bytes and hashes nothing.
   */
  private readonly local = new Map<string, LocalPage>();
  private invalidationOwed = false;

  constructor(private readonly options: CatalogCacheOptions) {
    // Sent once and then called by its SHA (EVALSHA), with ioredis reloading it if Redis forgot it.
    options.redis.defineCommand('catalogRead', { numberOfKeys: 1, lua: READ_CURRENT });
    // A version bump that failed during an outage is made as soon as Redis is back.
    options.redis.on('ready', () => {
      if (this.invalidationOwed) void this.invalidate();
    });
  }

  private get versionKey(): string {
    return `${this.options.prefix}catalog:version`;
  }

  async read(key: string, load: () => Promise<unknown>): Promise<CacheRead> {
    const { redis, prefix } = this.options;
    let version: string;
    try {
      // One round trip: the current version, and the page stored under it unless this process holds it.
      const reader = redis as Redis & CatalogReadCommand;
      const held = this.local.get(key);
      const usable = held && held.expiresAt > Date.now() ? held : undefined;
      const [current, cached] = await reader.catalogRead(
        this.versionKey,
        `${prefix}catalog:v`,
        `:${key}`,
        usable?.version ?? '',
      );
      version = current;
      if (typeof cached === 'string') {
        this.stats.hits += 1;
        return this.keep(key, version, pageRead(cached, 'cache'));
      }
      if (usable && usable.version === version) {
        this.stats.hits += 1;
        return usable.read;
      }
    } catch (err) {
      return this.bypass(err, load);
    }
    this.stats.misses += 1;
    const fullKey = `${prefix}catalog:v${version}:${key}`;
    const running = this.inflight.get(fullKey);
    if (running) return running;
    const work = this.fill(fullKey, load)
      .then((read) => this.keep(key, version, read))
      .finally(() => this.inflight.delete(fullKey));
    this.inflight.set(fullKey, work);
    return work;
  }

  /** Holds `read` as the page of `key` at `version`, for the cache's TTL; answers it. */
  private keep(key: string, version: string, read: CacheRead): CacheRead {
    this.local.delete(key);
    if (this.local.size >= LOCAL_PAGES) this.local.delete(this.local.keys().next().value!);
    // Served again from here, it is a cache hit whatever it was the first time.
    const held: CacheRead = { ...read, source: 'cache' };
    this.local.set(key, { version, read: held, expiresAt: Date.now() + this.options.ttlSeconds * 1000 });
    return read;
  }

  private async rebuild(load: () => Promise<unknown>): Promise<string> {
    this.stats.rebuilds += 1;
    return JSON.stringify(await load());
  }

  private async fill(fullKey: string, load: () => Promise<unknown>): Promise<CacheRead> {
    const { redis, ttlSeconds, lockMs = 3_000 } = this.options;
    const lockKey = `${fullKey}:lock`;
    const token = randomUUID();
    let locked: string | null;
    try {
      locked = await redis.set(lockKey, token, 'PX', lockMs, 'NX');
    } catch (err) {
      return this.bypass(err, load);
    }
    if (locked !== 'OK') {
      this.stats.waits += 1;
      const other = await this.awaitOtherRebuild(fullKey, lockKey, lockMs);
      if (other.page !== undefined) return pageRead(other.page, 'cache');
      if (other.err !== undefined) return this.bypass(other.err, load);
      // The holder ended without storing the page (its store failed, or it died): rebuild here.
    }
    const held = locked === 'OK' ? this.holdLock(lockKey, token, lockMs) : undefined;
    let json: string;
    try {
      json = await this.rebuild(load);
    } finally {
      held?.release();
    }
    try {
      await redis.set(fullKey, json, 'EX', ttlSeconds);
      if (locked === 'OK') await redis.eval(RELEASE_LOCK, 1, lockKey, token);
    } catch (err) {
      this.options.logger.debug({ err }, 'could not store a catalog page in the cache');
    }
    return pageRead(json, 'database');
  }

  /** Redis failed or was slower than its bound: the page comes from PostgreSQL. */
  private async bypass(err: unknown, load: () => Promise<unknown>): Promise<CacheRead> {
    this.stats.bypassed += 1;
    this.options.logger.debug({ err }, 'catalog cache unavailable; reading PostgreSQL');
    return pageRead(await this.rebuild(load), 'database');
  }

  /**
   * Keeps the rebuild lock alive while the rebuild runs, so a rebuild slower than `lockMs` (a loaded
   * machine, a slow query) is still waited for rather than repeated; a holder that dies stops renewing
   * and its lock runs out `lockMs` later. Renewed for MAX_LOCK_RENEWALS at most.
   */
  private holdLock(lockKey: string, token: string, lockMs: number): { release(): void } {
    let renewals = 0;
    const timer = setInterval(
      () => {
        renewals += 1;
        if (renewals > MAX_LOCK_RENEWALS) return clearInterval(timer);
        this.options.redis.eval(RENEW_LOCK, 1, lockKey, token, lockMs).catch(() => undefined);
      },
      Math.max(1, Math.floor(lockMs / 3)),
    );
    timer.unref();
    return { release: () => clearInterval(timer) };
  }

  /**
   * Another process holds the rebuild lock: polls until its page is stored, or its lock is gone
   * without one (it failed to store it, or died and stopped renewing). A Redis error ends the wait.
   */
  private async awaitOtherRebuild(
    fullKey: string,
    lockKey: string,
    lockMs: number,
  ): Promise<{ page?: string; err?: unknown }> {
    // A bound for a holder that renews but never finishes: as long as it may renew.
    const deadline = Date.now() + lockMs * (MAX_LOCK_RENEWALS + 1);
    while (Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 20));
      let page: string | null | undefined;
      let holder: string | null | undefined;
      try {
        [page, holder] = await this.options.redis.mget(fullKey, lockKey);
      } catch (err) {
        return { err };
      }
      if (typeof page === 'string') return { page };
      if (typeof holder !== 'string') return {};
    }
    return {};
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

interface CatalogReadCommand {
  catalogRead(
    versionKey: string,
    keyHead: string,
    keyTail: string,
    heldVersion: string,
  ): Promise<[string, string | null | undefined]>;
}

/**
 * The catalog version and the value of `<ARGV[1]><version><ARGV[2]>` (nil when not cached, or when
 * the caller already holds the page at that version, ARGV[3]).
 */
const READ_CURRENT = `local v = redis.call('get', KEYS[1]) or '0'
if v == ARGV[3] then return {v} end
return {v, redis.call('get', ARGV[1] .. v .. ARGV[2])}`;

/** How many times a holder renews its lock (each for `lockMs`): 30 s at the default 3 s lock. */
const MAX_LOCK_RENEWALS = 30;

/** Extends the lock by ARGV[2] ms only if this process still owns it. */
const RENEW_LOCK = `if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('pexpire', KEYS[1], ARGV[2]) end return 0`;

/** Deletes the lock only if this process still owns it. */
const RELEASE_LOCK = `if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) end return 0`;
