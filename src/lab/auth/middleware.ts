/**
 * requireActor: resolve `Authorization: Bearer dfs_…` (an API token) or else the session cookie
 * to an actor (401 otherwise) and, for a cookie session's unsafe methods, demand its CSRF token in
 * the X-CSRF-Token header (403 otherwise). Resolved actors are cached for a moment
 * (actor-cache.ts): argon2 is never on this path, only a SHA-256 and at most one indexed query.
 */
import { timingSafeEqual } from 'node:crypto';
import { getCookie } from 'hono/cookie';
import { createMiddleware } from 'hono/factory';
import type { Actor, LabDeps, LabEnv } from '../env.js';
import { AppError } from '../errors.js';
import { CSRF_HEADER, SESSION_COOKIE } from '../schemas.js';
import { actorCache } from './actor-cache.js';
import { sessionByHash, tokenHash } from './sessions.js';
import { bearerByHash, noteTokenUse, TOKEN_PREFIX } from './tokens.js';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

const BEARER = /^Bearer\s+(\S+)$/i;

/** The actor behind an API token (from the short-lived cache, or one lookup). */
async function bearerActor(deps: LabDeps, token: string): Promise<Actor | undefined> {
  if (!token.startsWith(TOKEN_PREFIX)) return undefined;
  const now = deps.now();
  const hash = tokenHash(token);
  const cache = actorCache(deps.db);
  const key = `b:${hash}`;
  const hit = cache.get(key, now.getTime());
  if (hit) {
    if (hit.tokenId) await noteTokenUse(deps.db, hit.tokenId, now);
    return hit;
  }
  const generation = cache.generation();
  const found = await bearerByHash(deps.db, hash, now);
  if (!found) return undefined;
  cache.set(key, found.actor, found.expiresAt.getTime(), generation, now.getTime());
  return found.actor;
}

/** The actor behind a session cookie (from the short-lived cache, or one lookup). */
async function sessionActor(deps: LabDeps, token: string): Promise<Actor | undefined> {
  const now = deps.now();
  const hash = tokenHash(token);
  const cache = actorCache(deps.db);
  const key = `s:${hash}`;
  const hit = cache.get(key, now.getTime());
  if (hit) return hit;
  const generation = cache.generation();
  const found = await sessionByHash(deps.db, hash, now);
  if (!found) return undefined;
  cache.set(key, found.actor, found.expiresAt.getTime(), generation, now.getTime());
  return found.actor;
}

export const requireActor = createMiddleware<LabEnv>(async (c, next) => {
  const deps = c.var.deps;
  const authorization = c.req.header('authorization');
  if (authorization !== undefined) {
    // A bearer token is not sent by browsers on their own, so it needs no CSRF token.
    const m = BEARER.exec(authorization);
    const tokenActor = m ? await bearerActor(deps, m[1]) : undefined;
    if (!tokenActor) throw new AppError('UNAUTHENTICATED', 'unknown, revoked or expired API token');
    c.set('actor', tokenActor);
    await next();
    return;
  }
  const token = getCookie(c, SESSION_COOKIE);
  if (!token) throw new AppError('UNAUTHENTICATED', 'sign in first');
  const actor = await sessionActor(deps, token);
  if (!actor) throw new AppError('UNAUTHENTICATED', 'session expired or unknown; sign in again');
  if (!SAFE_METHODS.has(c.req.method)) {
    const sent = c.req.header(CSRF_HEADER);
    if (!sent || !sameSecret(sent, actor.csrfToken))
      throw new AppError('FORBIDDEN', 'missing or wrong CSRF token');
  }
  c.set('actor', actor);
  await next();
});

/**
 * Mounted on /api/* in app.ts: any unsafe request (sign-out, token revocation, password change,
 * a member disabled or their role changed…) empties this process's actor cache when it finishes,
 * so a revocation takes effect at once here; other processes see it within ACTOR_CACHE_TTL_MS.
 */
export const forgetActorsAfterChanges = createMiddleware<LabEnv>(async (c, next) => {
  if (SAFE_METHODS.has(c.req.method)) return next();
  try {
    await next();
  } finally {
    actorCache(c.var.deps.db).invalidate();
  }
});
