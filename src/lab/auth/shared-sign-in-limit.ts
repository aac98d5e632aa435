/**
 * The sign-in rate limit shared by every server process on the same database: mounted in front
 * of `POST /api/session` (app.ts), it refuses a client IP + email that has failed too often within
 * the window (429 with Retry-After), counts a 401 answer as a failure and a 200 as a success. The
 * settings are the in-memory limiter's (`deps.loginLimiter.settings`), which still runs inside
 * sign-in as a first line within one process.
 */
import { createMiddleware } from 'hono/factory';
import type { Context } from 'hono';
import type { Db } from '../../store/open.js';
import { clientIp } from '../client-ip.js';
import type { LabEnv } from '../env.js';
import { AppError } from '../errors.js';
import { createDbRateLimiter, type RateLimiter, type SharedRateLimiter } from './rate-limit.js';

const limiters = new WeakMap<Db, WeakMap<RateLimiter, SharedRateLimiter>>();

/** The database-backed limiter with `local`'s settings, one per database (sign-in, password change). */
export function sharedLimiter(db: Db, local: RateLimiter): SharedRateLimiter {
  let byLocal = limiters.get(db);
  if (!byLocal) limiters.set(db, (byLocal = new WeakMap()));
  let shared = byLocal.get(local);
  if (!shared) byLocal.set(local, (shared = createDbRateLimiter(db, local.settings)));
  return shared;
}

/** The email of a sign-in body as SignInBody normalises it, or undefined (the route answers 400). */
async function signInEmail(c: Context<LabEnv>): Promise<string | undefined> {
  try {
    const body: unknown = await c.req.json();
    if (!body || typeof body !== 'object' || !('email' in body) || typeof body.email !== 'string')
      return undefined;
    return body.email.trim().toLowerCase();
  } catch {
    return undefined;
  }
}

export const sharedSignInLimit = createMiddleware<LabEnv>(async (c, next) => {
  if (c.req.method !== 'POST') return next();
  const email = await signInEmail(c);
  if (email === undefined) return next();
  const deps = c.var.deps;
  const limiter = sharedLimiter(deps.db, deps.loginLimiter);
  const key = `${clientIp(c)}|${email}`;
  const wait = await limiter.blockedFor(key);
  if (wait > 0)
    throw new AppError('RATE_LIMITED', 'too many failed sign-ins; try later', { retryAfterSeconds: wait });
  await next();
  if (c.res.status === 401) await limiter.fail(key);
  else if (c.res.status === 200) await limiter.reset(key);
});
