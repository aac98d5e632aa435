/** Reads scoped to the actor's organisation: anything outside it is "not found". */
import type { z } from '@hono/zod-openapi';
import { and, asc, eq } from 'drizzle-orm';
import { renderReport, type Report, type ReportFormat } from '../../core/report/index.js';
import type { Db } from '../../store/open.js';
import { audits, findings } from '../../store/schema.js';
import type { Actor } from '../env.js';
import { AppError } from '../errors.js';
import { publicUssdTarget } from '../ussd/target.js';
import type { AuditSummary } from './schemas.js';

export async function visibleAudit(db: Db, actor: Actor, id: string) {
  const [a] = await db
    .select()
    .from(audits)
    .where(and(eq(audits.id, id), eq(audits.orgId, actor.orgId)))
    .limit(1);
  if (!a) throw new AppError('NOT_FOUND', 'audit not found');
  return a;
}

export async function getAudit(db: Db, actor: Actor, id: string) {
  const a = await visibleAudit(db, actor, id);
  return {
    id: a.id,
    kind: a.kind,
    artifactSha256: a.artifactSha256,
    status: a.status,
    progress: a.progress,
    progressPercent: a.progressPercent,
    target: a.kind === 'ussd' ? publicUssdTarget(a.input) : null,
    error: a.error,
    summary: (a.summary ?? null) as z.infer<typeof AuditSummary> | null,
    createdAt: a.createdAt.toISOString(),
    finishedAt: a.finishedAt?.toISOString() ?? null,
  };
}

export async function auditReport(db: Db, actor: Actor, id: string, format: ReportFormat): Promise<string> {
  const a = await visibleAudit(db, actor, id);
  if (a.status !== 'succeeded' || !a.report)
    throw new AppError('CONFLICT', `audit is ${a.status}; no report yet`);
  return renderReport(a.report as unknown as Report, format);
}

export async function listFindings(db: Db, actor: Actor, auditId: string) {
  await visibleAudit(db, actor, auditId);
  const rows = await db
    .select({
      id: findings.id,
      auditId: findings.auditId,
      checkId: findings.checkId,
      fingerprint: findings.fingerprint,
      severity: findings.severity,
      title: findings.title,
      message: findings.message,
      triage: findings.triage,
      triageReason: findings.triageReason,
    })
    .from(findings)
    .where(and(eq(findings.auditId, auditId), eq(findings.orgId, actor.orgId)))
    .orderBy(asc(findings.ordinal));
  return { findings: rows };
}
