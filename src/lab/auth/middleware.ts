/**
 * requireActor: resolve `Authorization: Bearer dfs_…` (an API token) or else the session cookie
 * to an actor (401 otherwise) and, for a cookie session's unsafe methods, demand its CSRF token in
 * the X-CSRF-Token header (403 otherwise).
 */
import { timingSafeEqual } from 'node:crypto';
import { getCookie } from 'hono/cookie';
import { createMiddleware } from 'hono/factory';
import type { LabEnv } from '../env.js';
import { AppError } from '../errors.js';
import { CSRF_HEADER, SESSION_COOKIE } from '../schemas.js';
import { actorForToken } from './sessions.js';
import { actorForBearer } from './tokens.js';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

export const requireActor = createMiddleware<LabEnv>(async (c, next) => {
  const deps = c.var.deps;
  const authorization = c.req.header('authorization');
  if (authorization !== undefined) {
    // A bearer token is not sent by browsers on their own, so it needs no CSRF token.
    const m = /^Bearer\s+(\S+)$/i.exec(authorization);
    const tokenActor = m ? await actorForBearer(deps.db, m[1], deps.now()) : undefined;
    if (!tokenActor) throw new AppError('UNAUTHENTICATED', 'unknown, revoked or expired API token');
    c.set('actor', tokenActor);
    await next();
    return;
  }
  const token = getCookie(c, SESSION_COOKIE);
  if (!token) throw new AppError('UNAUTHENTICATED', 'sign in first');
  const actor = await actorForToken(deps.db, token, deps.now());
  if (!actor) throw new AppError('UNAUTHENTICATED', 'session expired or unknown; sign in again');
  if (!SAFE_METHODS.has(c.req.method)) {
    const sent = c.req.header(CSRF_HEADER);
    if (!sent || !sameSecret(sent, actor.csrfToken))
      throw new AppError('FORBIDDEN', 'missing or wrong CSRF token');
  }
  c.set('actor', actor);
  await next();
});
