/**
 * An organisation's admins manage its people: add a member with a one-time password (shown once;
 * changed at first sign-in), change a role, disable and re-enable, reset a forgotten password.
 * Disabling ends the member's sessions and revokes their API tokens at once. No change may leave
 * the organisation without an active admin.
 */
import { and, eq, isNull } from 'drizzle-orm';
import type { Db } from '../../store/open.js';
import { apiTokens, passwordChangeSessions, sessions, users, type Role } from '../../store/schema.js';
import { recordAction } from '../audit-log.js';
import { hashPassword, randomPassword } from '../auth/passwords.js';
import type { Actor, LabDeps } from '../env.js';
import { AppError } from '../errors.js';
import { keepsAnAdmin, mayManagePeople } from './policy.js';
import { isUniqueViolation } from './unique.js';

export type MemberView = {
  id: string;
  email: string;
  name: string;
  role: Role;
  state: 'active' | 'disabled';
  mustChangePassword: boolean;
  createdAt: string;
};

export function memberView(u: typeof users.$inferSelect): MemberView {
  return {
    id: u.id,
    email: u.email,
    name: u.name,
    role: u.role,
    state: u.disabledAt ? 'disabled' : 'active',
    mustChangePassword: u.mustChangePassword,
    createdAt: u.createdAt.toISOString(),
  };
}

/** Visible org (else 404), then an admin's session (else 403). */
function checkManager(actor: Actor, orgId: string): void {
  if (actor.orgId !== orgId) throw new AppError('NOT_FOUND', 'organisation not found');
  const v = mayManagePeople(actor);
  if (!v.ok) throw new AppError('FORBIDDEN', v.reason);
}

export const DUPLICATE_EMAIL = 'a user with this email already exists';

export async function addMember(
  deps: LabDeps,
  actor: Actor,
  orgId: string,
  body: { email: string; name: string; role: Role },
): Promise<{ member: MemberView; oneTimePassword: string }> {
  checkManager(actor, orgId);
  const oneTimePassword = randomPassword();
  const passwordHash = await hashPassword(oneTimePassword);
  let row: typeof users.$inferSelect;
  try {
    [row] = await deps.db
      .insert(users)
      .values({
        orgId,
        email: body.email,
        name: body.name,
        role: body.role,
        passwordHash,
        mustChangePassword: true,
      })
      .returning();
  } catch (e) {
    if (isUniqueViolation(e)) throw new AppError('CONFLICT', DUPLICATE_EMAIL);
    throw e;
  }
  await recordAction(deps.db, {
    orgId,
    userId: actor.userId,
    action: 'member.add',
    target: row.id,
    detail: { email: row.email, role: row.role },
  });
  return { member: memberView(row), oneTimePassword };
}

/** End every session and revoke every token of a user (disable, password reset). */
async function cutOff(db: Db, userId: string, now: Date, tokens: boolean): Promise<void> {
  await db.delete(sessions).where(eq(sessions.userId, userId));
  await db.delete(passwordChangeSessions).where(eq(passwordChangeSessions.userId, userId));
  if (tokens)
    await db
      .update(apiTokens)
      .set({ revokedAt: now })
      .where(and(eq(apiTokens.userId, userId), isNull(apiTokens.revokedAt)));
}

export async function updateMember(
  deps: LabDeps,
  actor: Actor,
  orgId: string,
  userId: string,
  body: { role?: Role; active?: boolean },
): Promise<MemberView> {
  checkManager(actor, orgId);
  const now = deps.now();
  const r = await deps.db.transaction(async (tx) => {
    // Lock the org's active admins so two admins demoting each other cannot both succeed.
    const admins = await tx
      .select({ id: users.id })
      .from(users)
      .where(and(eq(users.orgId, orgId), eq(users.role, 'admin'), isNull(users.disabledAt)))
      .for('update');
    const [target] = await tx
      .select()
      .from(users)
      .where(and(eq(users.id, userId), eq(users.orgId, orgId)))
      .for('update');
    if (!target) throw new AppError('NOT_FOUND', 'member not found');
    const before = { role: target.role, active: target.disabledAt === null };
    const after = { role: body.role ?? before.role, active: body.active ?? before.active };
    const v = keepsAnAdmin(before, after, admins.length);
    if (!v.ok) throw new AppError('CONFLICT', v.reason);
    const [row] = await tx
      .update(users)
      .set({ role: after.role, disabledAt: after.active ? null : (target.disabledAt ?? now) })
      .where(eq(users.id, userId))
      .returning();
    return { row, before, after };
  });
  const { row, before, after } = r;
  if (before.active && !after.active) await cutOff(deps.db, userId, now, true);
  const log = (action: string, detail: Record<string, string>) =>
    recordAction(deps.db, { orgId, userId: actor.userId, action, target: userId, detail });
  if (before.role !== after.role)
    await log('member.role', { email: row.email, from: before.role, to: after.role });
  if (before.active !== after.active)
    await log(after.active ? 'member.enable' : 'member.disable', { email: row.email });
  return memberView(row);
}

/** A new one-time password for a member who forgot theirs; their sessions end (tokens stay). */
export async function resetMemberPassword(
  deps: LabDeps,
  actor: Actor,
  orgId: string,
  userId: string,
): Promise<{ member: MemberView; oneTimePassword: string }> {
  checkManager(actor, orgId);
  if (userId === actor.userId)
    throw new AppError('BAD_REQUEST', 'change your own password with POST /api/me/password');
  const oneTimePassword = randomPassword();
  const passwordHash = await hashPassword(oneTimePassword);
  const [row] = await deps.db
    .update(users)
    .set({ passwordHash, mustChangePassword: true })
    .where(and(eq(users.id, userId), eq(users.orgId, orgId)))
    .returning();
  if (!row) throw new AppError('NOT_FOUND', 'member not found');
  await cutOff(deps.db, userId, deps.now(), false);
  await recordAction(deps.db, {
    orgId,
    userId: actor.userId,
    action: 'member.reset-password',
    target: userId,
    detail: { email: row.email },
  });
  return { member: memberView(row), oneTimePassword };
}
