/**
 * A user changes their own password (the current one is required, and rate-limited like sign-in):
 * every session of theirs ends and a fresh one is returned; a one-time password stops being one.
 * And "sign out everywhere else": end every session but this one.
 */
import { and, eq, ne } from 'drizzle-orm';
import { sessions, users } from '../../store/schema.js';
import { recordAction } from '../audit-log.js';
import type { Actor, LabDeps } from '../env.js';
import { AppError } from '../errors.js';
import { deletePasswordChangeSessionsOf } from './password-change-sessions.js';
import { hashPassword, verifyPassword } from './passwords.js';
import { createSession, tokenHash } from './sessions.js';
import { sharedLimiter } from './shared-sign-in-limit.js';
import { loadMe, type SignInResult } from './sign-in.js';

function requireSession(actor: Actor, what: string): void {
  if (actor.tokenId) throw new AppError('FORBIDDEN', `API tokens cannot ${what}; sign in`);
}

export async function changePassword(
  deps: LabDeps,
  actor: Actor,
  body: { currentPassword: string; newPassword: string },
): Promise<SignInResult> {
  requireSession(actor, 'change passwords');
  const key = `password|${actor.userId}`;
  // Counted in this process and in the database, so several server processes count together.
  const shared = sharedLimiter(deps.db, deps.loginLimiter);
  const wait = Math.max(deps.loginLimiter.blockedFor(key), await shared.blockedFor(key));
  if (wait > 0)
    throw new AppError('RATE_LIMITED', 'too many wrong passwords; try later', { retryAfterSeconds: wait });
  const [user] = await deps.db.select().from(users).where(eq(users.id, actor.userId)).limit(1);
  if (!user || user.disabledAt) throw new AppError('UNAUTHENTICATED', 'sign in again');
  if (!(await verifyPassword(user.passwordHash, body.currentPassword))) {
    deps.loginLimiter.fail(key);
    await shared.fail(key);
    await recordAction(deps.db, {
      orgId: user.orgId,
      userId: user.id,
      action: 'password.change-failed',
      target: user.id,
    });
    throw new AppError('FORBIDDEN', 'the current password is wrong');
  }
  deps.loginLimiter.reset(key);
  await shared.reset(key);
  if (body.newPassword === body.currentPassword)
    throw new AppError('BAD_REQUEST', 'newPassword: choose a password different from the current one');
  const passwordHash = await hashPassword(body.newPassword);
  await deps.db.transaction(async (tx) => {
    await tx.update(users).set({ passwordHash, mustChangePassword: false }).where(eq(users.id, user.id));
    await tx.delete(sessions).where(eq(sessions.userId, user.id));
  });
  await deletePasswordChangeSessionsOf(deps.db, user.id, deps.now());
  await recordAction(deps.db, {
    orgId: user.orgId,
    userId: user.id,
    action: 'password.change',
    target: user.id,
    detail: user.mustChangePassword ? { wasOneTime: true } : undefined,
  });
  const s = await createSession(deps.db, user.id, deps.now(), deps.sessionTtlMs);
  const me = await loadMe(deps, { ...actor, csrfToken: s.csrfToken });
  return { ...me, token: s.token, expiresAt: s.expiresAt };
}

/** End every session of the actor except the one carrying `currentToken`; returns how many. */
export async function revokeOtherSessions(
  deps: LabDeps,
  actor: Actor,
  currentToken: string,
): Promise<number> {
  requireSession(actor, 'manage sessions');
  const gone = await deps.db
    .delete(sessions)
    .where(and(eq(sessions.userId, actor.userId), ne(sessions.tokenHash, tokenHash(currentToken))))
    .returning({ h: sessions.tokenHash });
  await recordAction(deps.db, {
    orgId: actor.orgId,
    userId: actor.userId,
    action: 'session.revoke-others',
    target: actor.userId,
    detail: { revoked: gone.length },
  });
  return gone.length;
}
