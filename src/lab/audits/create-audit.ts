/**
 * Start an audit of an artifact the organisation uploaded; the same bytes are not audited twice.
 * The audit row, its audit-log line and its job are written in one transaction.
 */
import { and, desc, eq, ne } from 'drizzle-orm';
import { artifactOwners, audits } from '../../store/schema.js';
import { recordAction } from '../audit-log.js';
import type { Actor, LabDeps } from '../env.js';
import { AppError } from '../errors.js';
import { mayStartAudit } from './policy.js';

export async function createAudit(
  deps: LabDeps,
  actor: Actor,
  sha256: string,
  kind: 'apk' | 'stk' = 'apk',
): Promise<{ id: string; created: boolean }> {
  const [owned] = await deps.db
    .select({ sha256: artifactOwners.sha256 })
    .from(artifactOwners)
    .where(and(eq(artifactOwners.orgId, actor.orgId), eq(artifactOwners.sha256, sha256)))
    .limit(1);
  if (!owned) throw new AppError('NOT_FOUND', 'artifact not found');
  if (!mayStartAudit(actor.role)) throw new AppError('FORBIDDEN', 'viewers cannot start audits');
  const [existing] = await deps.db
    .select({ id: audits.id })
    .from(audits)
    .where(and(eq(audits.orgId, actor.orgId), eq(audits.artifactSha256, sha256), ne(audits.status, 'failed')))
    .orderBy(desc(audits.createdAt))
    .limit(1);
  if (existing) return { id: existing.id, created: false };
  const id = await deps.jobs.createWithJob(deps.db, async (tx) => {
    const [row] = await tx
      .insert(audits)
      .values({ orgId: actor.orgId, artifactSha256: sha256, kind, status: 'queued', createdBy: actor.userId })
      .returning({ id: audits.id });
    await recordAction(tx, {
      orgId: actor.orgId,
      userId: actor.userId,
      action: 'audit.create',
      target: row.id,
    });
    return row.id;
  });
  return { id, created: true };
}
