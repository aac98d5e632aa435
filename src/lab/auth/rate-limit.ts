/**
 * A fixed-window failure counter per key (IP + email for sign-in). In memory: one lab process.
 * Scale-out (several server processes) would move this into PostgreSQL.
 */
export type RateLimiter = {
  /** Seconds to wait if `key` is locked out now, else 0. */
  blockedFor(key: string): number;
  fail(key: string): void;
  reset(key: string): void;
};

export function createRateLimiter(opts: { max: number; windowMs: number; now: () => Date }): RateLimiter {
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
