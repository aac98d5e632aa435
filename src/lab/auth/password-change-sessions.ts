/**
 * Password-change sessions: a user signed in with a one-time password gets one of these instead of
 * a normal session. They live in their own table, so `requireActor` (which reads only `sessions`)
 * refuses them everywhere; `requireActorOrPasswordChange` accepts them on the few routes a user
 * needs to choose a password (me, sign out, change password), and `passwordChangeGuard` turns the
 * 401 they get elsewhere into a clear 403 PASSWORD_CHANGE_REQUIRED. Normal requests pay nothing:
 * the extra lookup happens only on a 401.
 */
import { timingSafeEqual } from 'node:crypto';
import { and, eq, gt, isNull, lt, or } from 'drizzle-orm';
import type { Context } from 'hono';
import { getCookie } from 'hono/cookie';
import { createMiddleware } from 'hono/factory';
import type { Db } from '../../store/open.js';
import { passwordChangeSessions, users } from '../../store/schema.js';
import type { Actor, LabEnv } from '../env.js';
import { AppError } from '../errors.js';
import { CSRF_HEADER, SESSION_COOKIE } from '../schemas.js';
import { requireActor } from './middleware.js';
import { newSessionSecrets, tokenHash } from './sessions.js';

/** Long enough to choose a password, short enough that a forgotten tab does not linger. */
export const PASSWORD_CHANGE_TTL_MS = 30 * 60 * 1000;
export const PASSWORD_CHANGE_REQUIRED = 'PASSWORD_CHANGE_REQUIRED';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export async function createPasswordChangeSession(
  db: Db,
  userId: string,
  now: Date,
  ttlMs: number,
): Promise<{ token: string; csrfToken: string; expiresAt: Date }> {
  const { token, csrfToken } = newSessionSecrets();
  const expiresAt = new Date(now.getTime() + Math.min(ttlMs, PASSWORD_CHANGE_TTL_MS));
  await db
    .delete(passwordChangeSessions)
    .where(and(eq(passwordChangeSessions.userId, userId), lt(passwordChangeSessions.expiresAt, now)));
  await db
    .insert(passwordChangeSessions)
    .values({ tokenHash: tokenHash(token), userId, csrfToken, expiresAt });
  return { token, csrfToken, expiresAt };
}

/** The actor behind a live password-change session of an enabled user that still must change. */
export async function actorForPasswordChange(db: Db, token: string, now: Date): Promise<Actor | undefined> {
  const [row] = await db
    .select({
      userId: users.id,
      orgId: users.orgId,
      role: users.role,
      email: users.email,
      csrfToken: passwordChangeSessions.csrfToken,
    })
    .from(passwordChangeSessions)
    .innerJoin(users, eq(users.id, passwordChangeSessions.userId))
    .where(
      and(
        eq(passwordChangeSessions.tokenHash, tokenHash(token)),
        gt(passwordChangeSessions.expiresAt, now),
        eq(users.mustChangePassword, true),
        isNull(users.disabledAt),
      ),
    )
    .limit(1);
  return row;
}

export async function deletePasswordChangeSession(db: Db, token: string): Promise<void> {
  await db.delete(passwordChangeSessions).where(eq(passwordChangeSessions.tokenHash, tokenHash(token)));
}

/** Every password-change session of a user, and any expired one (cheap housekeeping). */
export async function deletePasswordChangeSessionsOf(db: Db, userId: string, now: Date): Promise<void> {
  await db
    .delete(passwordChangeSessions)
    .where(or(eq(passwordChangeSessions.userId, userId), lt(passwordChangeSessions.expiresAt, now)));
}

function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** The password-change actor of this request's cookie (none with an Authorization header). */
async function passwordChangeActor(c: Context<LabEnv>): Promise<Actor | undefined> {
  if (c.req.header('authorization') !== undefined) return undefined;
  const token = getCookie(c, SESSION_COOKIE);
  if (!token) return undefined;
  return actorForPasswordChange(c.var.deps.db, token, c.var.deps.now());
}

/**
 * requireActor, or else a password-change session (same CSRF rule). For the routes a user with a
 * one-time password may use: GET /api/me, DELETE /api/session, POST /api/me/password.
 */
export const requireActorOrPasswordChange = createMiddleware<LabEnv>(async (c, next) => {
  let reached = false;
  try {
    await requireActor(c, async () => {
      reached = true;
      await next();
    });
    return;
  } catch (e) {
    if (reached || !(e instanceof AppError) || e.code !== 'UNAUTHENTICATED') throw e;
    const actor = await passwordChangeActor(c);
    if (!actor) throw e;
    if (!SAFE_METHODS.has(c.req.method)) {
      const sent = c.req.header(CSRF_HEADER);
      if (!sent || !sameSecret(sent, actor.csrfToken))
        throw new AppError('FORBIDDEN', 'missing or wrong CSRF token');
    }
    c.set('actor', actor);
  }
  await next();
});

/** Routes where a 401 means what it says even with a password-change cookie (signing in again). */
const GUARD_EXEMPT = new Set(['/api/session']);

/**
 * Mounted on /api/* in app.ts: a 401 caused by a password-change session becomes 403 with the code
 * PASSWORD_CHANGE_REQUIRED, so a client knows to send the user to the change-password form.
 */
export const passwordChangeGuard = createMiddleware<LabEnv>(async (c, next) => {
  await next();
  if (c.res.status !== 401 || GUARD_EXEMPT.has(c.req.path)) return;
  const actor = await passwordChangeActor(c);
  if (!actor) return;
  c.res = c.json(
    {
      error: {
        code: PASSWORD_CHANGE_REQUIRED,
        message: 'choose a new password first (POST /api/me/password)',
        requestId: c.var.requestId,
      },
    },
    403,
  );
});
