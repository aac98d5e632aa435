/** The organisation's audits, newest first, with the app identity taken from the stored report. */
import type { z } from '@hono/zod-openapi';
import { and, desc, eq, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../store/open.js';
import { artifactOwners, audits } from '../../store/schema.js';
import type { AuditSummary } from '../audits/schemas.js';
import type { Actor } from '../env.js';
import type { AuditListItemT } from './schemas.js';

/** The newest audits shown in one list; older ones stay reachable by id. */
export const AUDIT_LIST_LIMIT = 500;

const columns = {
  id: audits.id,
  kind: audits.kind,
  artifactSha256: audits.artifactSha256,
  fileName: artifactOwners.fileName,
  appName: sql<string | null>`${audits.report}->'target'->>'name'`,
  package: sql<string | null>`${audits.report}->'target'->>'package'`,
  versionName: sql<string | null>`${audits.report}->'target'->>'versionName'`,
  versionCode: sql<number | string | null>`(${audits.report}->'target'->>'versionCode')::bigint`,
  targetName: sql<string | null>`${audits.report}->'target'->>'name'`,
  status: audits.status,
  progress: audits.progress,
  progressPercent: audits.progressPercent,
  error: audits.error,
  summary: audits.summary,
  createdAt: audits.createdAt,
  finishedAt: audits.finishedAt,
};

function toItem(r: {
  id: string;
  kind: AuditListItemT['kind'];
  artifactSha256: string | null;
  fileName: string | null;
  appName: string | null;
  package: string | null;
  versionName: string | null;
  versionCode: number | string | null;
  targetName: string | null;
  status: AuditListItemT['status'];
  progress: string | null;
  progressPercent: number | null;
  error: string | null;
  summary: unknown;
  createdAt: Date;
  finishedAt: Date | null;
}): AuditListItemT {
  return {
    id: r.id,
    kind: r.kind,
    artifactSha256: r.artifactSha256,
    fileName: r.fileName,
    appName: r.appName,
    package: r.package,
    versionName: r.versionName,
    versionCode: r.versionCode === null ? null : Number(r.versionCode),
    targetName: r.targetName,
    status: r.status,
    progress: r.progress,
    progressPercent: r.progressPercent,
    error: r.error,
    summary: (r.summary ?? null) as z.infer<typeof AuditSummary> | null,
    createdAt: r.createdAt.toISOString(),
    finishedAt: r.finishedAt?.toISOString() ?? null,
  };
}

async function selectAudits(db: Db, where: SQL | undefined, limit: number): Promise<AuditListItemT[]> {
  const rows = await db
    .select(columns)
    .from(audits)
    .leftJoin(
      artifactOwners,
      and(eq(artifactOwners.orgId, audits.orgId), eq(artifactOwners.sha256, audits.artifactSha256)),
    )
    .where(where)
    .orderBy(desc(audits.createdAt), desc(audits.id))
    .limit(limit);
  return rows.map(toItem);
}

export async function listAudits(db: Db, actor: Actor): Promise<{ audits: AuditListItemT[] }> {
  return { audits: await selectAudits(db, eq(audits.orgId, actor.orgId), AUDIT_LIST_LIMIT) };
}

/** One audit of the actor's organisation as a list item, or undefined (another org's is missing). */
export async function auditItem(db: Db, actor: Actor, id: string): Promise<AuditListItemT | undefined> {
  const [item] = await selectAudits(db, and(eq(audits.orgId, actor.orgId), eq(audits.id, id)), 1);
  return item;
}
