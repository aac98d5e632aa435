/**
 * A short-lived cache of credential → actor, so most authenticated reads skip the session or token
 * lookup. Revocation stays immediate in this process and takes at most ACTOR_CACHE_TTL_MS in
 * another one:
 * - every unsafe /api request in this process (sign-out, token revocation, password change,
 *   disabling a member, a role change…) empties the cache when it finishes (`invalidate`);
 * - a lookup that started before an invalidation is not stored (generation counter), so a read
 *   racing a revocation cannot put the revoked actor back;
 * - entries live ACTOR_CACHE_TTL_MS at most, and never past the credential's own expiry, so a
 *   revocation by another server process (or straight in SQL) is seen within that time.
 * Times come from the lab's clock (`deps.now`), so tests can step over the TTL.
 */
import type { Db } from '../../store/open.js';
import type { Actor } from '../env.js';

export const ACTOR_CACHE_TTL_MS = 2_000;
/** Bounded: past this many credentials the cache starts over (a miss only costs a query). */
const ACTOR_CACHE_MAX = 10_000;

type Entry = { actor: Actor; until: number };

export type ActorCache = {
  get(key: string, now: number): Actor | undefined;
  /** Read before the database lookup; `set` stores only if nothing was invalidated since. */
  generation(): number;
  set(key: string, actor: Actor, expiresAt: number, generation: number, now: number): void;
  invalidate(): void;
};

export function createActorCache(ttlMs = ACTOR_CACHE_TTL_MS): ActorCache {
  let entries = new Map<string, Entry>();
  let gen = 0;
  return {
    get(key, now) {
      const e = entries.get(key);
      if (!e) return undefined;
      if (now >= e.until || now < e.until - ttlMs) {
        entries.delete(key);
        return undefined;
      }
      return e.actor;
    },
    generation: () => gen,
    set(key, actor, expiresAt, generation, now) {
      if (generation !== gen) return;
      if (entries.size >= ACTOR_CACHE_MAX) entries = new Map();
      entries.set(key, { actor, until: Math.min(now + ttlMs, expiresAt) });
    },
    invalidate() {
      gen++;
      entries = new Map();
    },
  };
}

/** One cache per database handle (each lab, like each process, has its own). */
const caches = new WeakMap<Db, ActorCache>();

export function actorCache(db: Db): ActorCache {
  let c = caches.get(db);
  if (!c) caches.set(db, (c = createActorCache()));
  return c;
}
