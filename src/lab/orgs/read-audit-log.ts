import { and, desc, eq, lt } from 'drizzle-orm';
import type { Db } from '../../store/open.js';
import { auditLog, users } from '../../store/schema.js';
import type { Actor } from '../env.js';
import { AppError } from '../errors.js';
import { mayReadAuditLog, maySeeOrg } from './policy.js';

export const AUDIT_LOG_PAGE = 100;

/** Newest first, `AUDIT_LOG_PAGE` at a time; pass the last id seen as `before` for the next page. */
export async function readAuditLog(db: Db, actor: Actor, orgId: string, before?: number) {
  if (!maySeeOrg(actor, orgId)) throw new AppError('NOT_FOUND', 'organisation not found');
  if (!mayReadAuditLog(actor, orgId))
    throw new AppError('FORBIDDEN', "only admins read the organisation's audit log");
  const rows = await db
    .select({
      id: auditLog.id,
      at: auditLog.at,
      action: auditLog.action,
      target: auditLog.target,
      actorEmail: users.email,
    })
    .from(auditLog)
    .leftJoin(users, eq(users.id, auditLog.userId))
    .where(
      before === undefined
        ? eq(auditLog.orgId, orgId)
        : and(eq(auditLog.orgId, orgId), lt(auditLog.id, before)),
    )
    .orderBy(desc(auditLog.id))
    .limit(AUDIT_LOG_PAGE);
  return { entries: rows.map((r) => ({ ...r, at: r.at.toISOString() })) };
}
