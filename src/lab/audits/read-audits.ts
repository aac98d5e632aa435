/** Reads scoped to the actor's organisation: anything outside it is "not found". */
import type { z } from '@hono/zod-openapi';
import { and, asc, eq, getTableColumns, sql } from 'drizzle-orm';
import { renderReport, type Report, type ReportFormat } from '../../core/report/index.js';
import type { Db } from '../../store/open.js';
import { audits, findings } from '../../store/schema.js';
import type { Actor } from '../env.js';
import { AppError } from '../errors.js';
import { publicUssdTarget } from '../ussd/target.js';
import type { AuditSummary } from './schemas.js';

/** Every column but the report (often hundreds of KB of JSON): what status reads need. */
const { report: _report, ...statusColumns } = getTableColumns(audits);

export async function visibleAudit(db: Db, actor: Actor, id: string) {
  const [a] = await db
    .select(statusColumns)
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
  const [a] = await db
    .select({ status: audits.status, report: audits.report })
    .from(audits)
    .where(and(eq(audits.id, id), eq(audits.orgId, actor.orgId)))
    .limit(1);
  if (!a) throw new AppError('NOT_FOUND', 'audit not found');
  if (a.status !== 'succeeded' || !a.report)
    throw new AppError('CONFLICT', `audit is ${a.status}; no report yet`);
  return renderReport(a.report as unknown as Report, format);
}

/** The hot read: the audit (scoped to the organisation) left-joined to its findings, prepared once. */
function prepareFindings(db: Db) {
  return db
    .select({
      auditId: audits.id,
      id: findings.id,
      checkId: findings.checkId,
      fingerprint: findings.fingerprint,
      severity: findings.severity,
      title: findings.title,
      message: findings.message,
      triage: findings.triage,
      triageReason: findings.triageReason,
    })
    .from(audits)
    .leftJoin(findings, and(eq(findings.auditId, audits.id), eq(findings.orgId, audits.orgId)))
    .where(and(eq(audits.id, sql.placeholder('id')), eq(audits.orgId, sql.placeholder('org'))))
    .orderBy(asc(findings.ordinal))
    .prepare('dfslab_audit_findings');
}
const findingsQueries = new WeakMap<Db, ReturnType<typeof prepareFindings>>();

/**
 * One round trip: no row means no such audit in the organisation (404); an audit without
 * findings is one row of nulls.
 */
export async function listFindings(db: Db, actor: Actor, auditId: string) {
  let q = findingsQueries.get(db);
  if (!q) findingsQueries.set(db, (q = prepareFindings(db)));
  const rows = await q.execute({ id: auditId, org: actor.orgId });
  if (rows.length === 0) throw new AppError('NOT_FOUND', 'audit not found');
  const out = [];
  for (const r of rows) {
    if (r.id === null || r.checkId === null || r.fingerprint === null || r.severity === null) continue;
    if (r.title === null || r.message === null || r.triage === null) continue;
    out.push({
      id: r.id,
      auditId: r.auditId,
      checkId: r.checkId,
      fingerprint: r.fingerprint,
      severity: r.severity,
      title: r.title,
      message: r.message,
      triage: r.triage,
      triageReason: r.triageReason,
    });
  }
  return { findings: out };
}
