import { and, desc, eq, like, lt, or, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Db } from '../../store/open.js';
import { auditLog, users } from '../../store/schema.js';
import type { Actor } from '../env.js';
import { AppError } from '../errors.js';
import { mayReadAuditLog, maySeeOrg } from './policy.js';

export const AUDIT_LOG_PAGE = 100;

const targetUser = alias(users, 'target_user');

type Detail = Record<string, string | number | boolean | null>;

/** Keep only flat scalar values (what recordAction writes); anything else is dropped. */
function flatDetail(v: unknown): Detail | null {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return null;
  const out: Detail = {};
  for (const [k, x] of Object.entries(v)) {
    if (x === null || typeof x === 'string' || typeof x === 'number' || typeof x === 'boolean') out[k] = x;
  }
  return out;
}

/**
 * Newest first, `AUDIT_LOG_PAGE` at a time; pass `nextBefore` as `before` for the next page.
 * `action` filters to one action (`member.add`) or a family (`member` → `member.*`).
 */
export async function readAuditLog(db: Db, actor: Actor, orgId: string, before?: number, action?: string) {
  if (!maySeeOrg(actor, orgId)) throw new AppError('NOT_FOUND', 'organisation not found');
  if (!mayReadAuditLog(actor, orgId))
    throw new AppError('FORBIDDEN', "only admins read the organisation's audit log");
  const where: SQL[] = [eq(auditLog.orgId, orgId)];
  if (before !== undefined) where.push(lt(auditLog.id, before));
  if (action !== undefined) {
    // The schema allows only [a-z0-9.-], so there is no LIKE wildcard to escape.
    const family = or(eq(auditLog.action, action), like(auditLog.action, `${action}.%`));
    if (family) where.push(family);
  }
  const rows = await db
    .select({
      id: auditLog.id,
      at: auditLog.at,
      action: auditLog.action,
      target: auditLog.target,
      detail: auditLog.detail,
      actorEmail: users.email,
      targetEmail: targetUser.email,
    })
    .from(auditLog)
    .leftJoin(users, eq(users.id, auditLog.userId))
    // A target that is one of this organisation's people is shown by email too.
    .leftJoin(targetUser, and(eq(targetUser.orgId, orgId), eq(sql`${targetUser.id}::text`, auditLog.target)))
    .where(and(...where))
    .orderBy(desc(auditLog.id))
    .limit(AUDIT_LOG_PAGE);
  return {
    entries: rows.map((r) => ({ ...r, at: r.at.toISOString(), detail: flatDetail(r.detail) })),
    nextBefore: rows.length === AUDIT_LOG_PAGE ? rows[rows.length - 1].id : null,
  };
}
