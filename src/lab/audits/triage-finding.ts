import { and, eq } from 'drizzle-orm';
import type { TriageStatus } from '../../store/schema.js';
import { findings } from '../../store/schema.js';
import { recordAction } from '../audit-log.js';
import type { Actor, LabDeps } from '../env.js';
import { AppError } from '../errors.js';
import { mayTriage } from './policy.js';

export async function triageFinding(
  deps: LabDeps,
  actor: Actor,
  id: string,
  body: { status: TriageStatus; reason?: string },
) {
  const [f] = await deps.db
    .select({ id: findings.id })
    .from(findings)
    .where(and(eq(findings.id, id), eq(findings.orgId, actor.orgId)))
    .limit(1);
  if (!f) throw new AppError('NOT_FOUND', 'finding not found');
  if (!mayTriage(actor.role)) throw new AppError('FORBIDDEN', 'viewers cannot triage');
  const [row] = await deps.db
    .update(findings)
    .set({
      triage: body.status,
      triageReason: body.reason ?? null,
      triagedBy: actor.userId,
      triagedAt: deps.now(),
    })
    .where(and(eq(findings.id, id), eq(findings.orgId, actor.orgId)))
    .returning();
  await recordAction(deps.db, {
    orgId: actor.orgId,
    userId: actor.userId,
    action: 'finding.triage',
    target: id,
    detail: { status: body.status },
  });
  return {
    id: row.id,
    auditId: row.auditId,
    checkId: row.checkId,
    fingerprint: row.fingerprint,
    severity: row.severity,
    title: row.title,
    message: row.message,
    triage: row.triage,
    triageReason: row.triageReason,
  };
}
