/**
 * Sign in with email + password: rate-limited per client IP + email, argon2id-verified. A disabled
 * account is refused (403, after the password check); a one-time password gets a password-change
 * session only.
 */
import { eq } from 'drizzle-orm';
import { orgs, users } from '../../store/schema.js';
import { recordAction } from '../audit-log.js';
import type { Actor, LabDeps } from '../env.js';
import { AppError } from '../errors.js';
import { createPasswordChangeSession } from './password-change-sessions.js';
import { dummyHash, verifyPassword } from './passwords.js';
import { createSession } from './sessions.js';

export type SignInResult = Awaited<ReturnType<typeof loadMe>> & { token: string; expiresAt: Date };

export async function signIn(
  deps: LabDeps,
  ip: string,
  email: string,
  password: string,
): Promise<SignInResult> {
  const key = `${ip}|${email}`;
  const wait = deps.loginLimiter.blockedFor(key);
  if (wait > 0)
    throw new AppError('RATE_LIMITED', 'too many failed sign-ins; try later', { retryAfterSeconds: wait });
  const [user] = await deps.db.select().from(users).where(eq(users.email, email)).limit(1);
  const ok = await verifyPassword(user?.passwordHash ?? (await dummyHash()), password);
  if (!user || !ok) {
    deps.loginLimiter.fail(key);
    await recordAction(deps.db, {
      orgId: user?.orgId ?? null,
      userId: user?.id ?? null,
      action: 'session.sign-in-failed',
      detail: { ip },
    });
    throw new AppError('UNAUTHENTICATED', 'wrong email or password');
  }
  deps.loginLimiter.reset(key);
  if (user.disabledAt) {
    // Only a caller who knows the password learns that the account is disabled.
    await recordAction(deps.db, {
      orgId: user.orgId,
      userId: user.id,
      action: 'session.sign-in-refused',
      detail: { ip, reason: 'disabled' },
    });
    throw new AppError('FORBIDDEN', "this account is disabled; ask your organisation's admin");
  }
  // A one-time password opens only a password-change session (see password-change-sessions.ts).
  const s = user.mustChangePassword
    ? await createPasswordChangeSession(deps.db, user.id, deps.now(), deps.sessionTtlMs)
    : await createSession(deps.db, user.id, deps.now(), deps.sessionTtlMs);
  await recordAction(deps.db, {
    orgId: user.orgId,
    userId: user.id,
    action: 'session.sign-in',
    detail: user.mustChangePassword ? { ip, mustChangePassword: true } : { ip },
  });
  const me = await loadMe(deps, {
    userId: user.id,
    orgId: user.orgId,
    role: user.role,
    email,
    csrfToken: s.csrfToken,
  });
  return { ...me, token: s.token, expiresAt: s.expiresAt };
}

export async function loadMe(deps: LabDeps, actor: Actor) {
  const [row] = await deps.db
    .select({ user: users, org: orgs })
    .from(users)
    .innerJoin(orgs, eq(orgs.id, users.orgId))
    .where(eq(users.id, actor.userId))
    .limit(1);
  if (!row) throw new AppError('UNAUTHENTICATED', 'user no longer exists');
  return {
    user: {
      id: row.user.id,
      email: row.user.email,
      name: row.user.name,
      role: row.user.role,
      mustChangePassword: row.user.mustChangePassword,
    },
    org: { id: row.org.id, name: row.org.name, type: row.org.type, country: row.org.country },
    csrfToken: actor.csrfToken,
  };
}
