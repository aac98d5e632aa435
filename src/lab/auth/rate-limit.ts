/**
 * Fixed-window failure counters per key (IP + email for sign-in): `createRateLimiter` in memory
 * (one process, the first line), and `dbRateLimiter` in the `rate_limits` table, shared by every
 * server process on the same database (shared-sign-in-limit.ts puts it in front of sign-in).
 */
import { createHash } from 'node:crypto';
import { eq, lt, sql } from 'drizzle-orm';
import type { Db } from '../../store/open.js';
import { rateLimits } from '../../store/schema.js';

export type RateLimitSettings = { max: number; windowMs: number; now: () => Date };

export type RateLimiter = {
  /** Seconds to wait if `key` is locked out now, else 0. */
  blockedFor(key: string): number;
  fail(key: string): void;
  reset(key: string): void;
  /** The settings, so a shared limiter can apply the same ones. */
  readonly settings: RateLimitSettings;
};

export function createRateLimiter(opts: RateLimitSettings): RateLimiter {
  const hits = new Map<string, { count: number; start: number }>();
  const MAX_KEYS = 100_000;
  const live = (key: string) => {
    const h = hits.get(key);
    if (!h) return undefined;
    if (opts.now().getTime() - h.start >= opts.windowMs) {
      hits.delete(key);
      return undefined;
    }
    return h;
  };
  return {
    settings: opts,
    blockedFor(key) {
      const h = live(key);
      if (!h || h.count < opts.max) return 0;
      return Math.ceil((h.start + opts.windowMs - opts.now().getTime()) / 1000);
    },
    fail(key) {
      const h = live(key);
      if (h) h.count++;
      else {
        if (hits.size >= MAX_KEYS) hits.clear();
        hits.set(key, { count: 1, start: opts.now().getTime() });
      }
    },
    reset(key) {
      hits.delete(key);
    },
  };
}

/** The same counter in PostgreSQL: one statement per call, so concurrent processes agree. */
export type SharedRateLimiter = {
  blockedFor(key: string): Promise<number>;
  fail(key: string): Promise<void>;
  reset(key: string): Promise<void>;
};

/** Keys hold client IPs and emails: the table keeps only their SHA-256. */
function keyHash(key: string): string {
  return createHash('sha256').update(key).digest('hex');
}

export function createDbRateLimiter(db: Db, opts: RateLimitSettings): SharedRateLimiter {
  let sweptAt = -Infinity;
  return {
    async blockedFor(key) {
      const [row] = await db
        .select({ hits: rateLimits.hits, windowStart: rateLimits.windowStart })
        .from(rateLimits)
        .where(eq(rateLimits.keyHash, keyHash(key)))
        .limit(1);
      if (!row || row.hits < opts.max) return 0;
      const left = row.windowStart.getTime() + opts.windowMs - opts.now().getTime();
      return left > 0 ? Math.ceil(left / 1000) : 0;
    },
    async fail(key) {
      const now = opts.now();
      const at = now.toISOString();
      const floor = new Date(now.getTime() - opts.windowMs).toISOString();
      const expired = sql`${rateLimits.windowStart} <= ${floor}::timestamptz`;
      await db
        .insert(rateLimits)
        .values({ keyHash: keyHash(key), hits: 1, windowStart: now })
        .onConflictDoUpdate({
          target: rateLimits.keyHash,
          set: {
            hits: sql`CASE WHEN ${expired} THEN 1 ELSE ${rateLimits.hits} + 1 END`,
            windowStart: sql`CASE WHEN ${expired} THEN ${at}::timestamptz ELSE ${rateLimits.windowStart} END`,
          },
        });
      // Forget finished windows now and then (once a window per process).
      if (now.getTime() - sweptAt < opts.windowMs && now.getTime() >= sweptAt) return;
      sweptAt = now.getTime();
      await db.delete(rateLimits).where(lt(rateLimits.windowStart, new Date(now.getTime() - opts.windowMs)));
    },
    async reset(key) {
      await db.delete(rateLimits).where(eq(rateLimits.keyHash, keyHash(key)));
    },
  };
}
