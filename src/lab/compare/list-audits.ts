/**
 * The organisation's audits, newest first, with the app identity from the columns that migration
 * 0005 generates from the report (so a list never reads whole reports).
 */
import type { z } from '@hono/zod-openapi';
import { and, desc, eq, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../store/open.js';
import { artifactOwners, audits } from '../../store/schema.js';
import type { AuditSummary } from '../audits/schemas.js';
import type { Actor } from '../env.js';
import type { AuditListItemT } from './schemas.js';

const columns = {
  id: audits.id,
  kind: audits.kind,
  artifactSha256: audits.artifactSha256,
  fileName: artifactOwners.fileName,
  appName: audits.appName,
  package: audits.appPackage,
  versionName: audits.appVersionName,
  versionCode: sql<number | string | null>`${audits.appVersionCode}::bigint`,
  targetName: audits.appName,
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

export type AuditListPage = { limit: number; before?: string };

/** One page, newest first, by keyset on (created_at, id): stable while new audits arrive. */
export async function listAudits(
  db: Db,
  actor: Actor,
  page: AuditListPage = { limit: 50 },
): Promise<{ audits: AuditListItemT[]; nextBefore: string | null }> {
  let where = eq(audits.orgId, actor.orgId);
  if (page.before) {
    // Position of the cursor audit, looked up in this organisation only: an unknown or foreign id
    // gives an empty page, never another organisation's ordering.
    const cursor = sql`(SELECT a.created_at, a.id FROM audits a WHERE a.id = ${page.before}::uuid AND a.org_id = ${actor.orgId}::uuid)`;
    where = and(where, sql`(${audits.createdAt}, ${audits.id}) < ${cursor}`) as SQL;
  }
  const rows = await selectAudits(db, where, page.limit + 1);
  const more = rows.length > page.limit;
  const items = more ? rows.slice(0, page.limit) : rows;
  const last = items.at(-1);
  return { audits: items, nextBefore: more && last ? last.id : null };
}

/** One audit of the actor's organisation as a list item, or undefined (another org's is missing). */
export async function auditItem(db: Db, actor: Actor, id: string): Promise<AuditListItemT | undefined> {
  const [item] = await selectAudits(db, and(eq(audits.orgId, actor.orgId), eq(audits.id, id)), 1);
  return item;
}
