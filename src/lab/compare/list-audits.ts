/**
 * The organisation's audits, newest first, with the app identity from the columns that migration
 * 0005 generates from the report (so a list never reads whole reports).
 */
import type { z } from '@hono/zod-openapi';
import { and, eq, sql } from 'drizzle-orm';
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

export type AuditListPage = { limit: number; before?: string };

const ISO_MS = `'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'`;
const iso = (col: string) => sql.raw(`to_char(${col} AT TIME ZONE 'UTC', ${ISO_MS})`);

/**
 * One page, newest first, by keyset on (created_at, id): stable while new audits arrive. The hot
 * list read: PostgreSQL builds the whole JSON answer (the same shape as `AuditListItem`, which a
 * test checks against the drizzle-mapped `auditItem`), so the server sends one text column as is
 * instead of mapping and re-serialising every row.
 */
export async function listAuditsJson(
  db: Db,
  actor: Actor,
  page: AuditListPage = { limit: 50 },
): Promise<string> {
  // Position of the cursor audit, looked up in this organisation only: an unknown or foreign id
  // gives an empty page, never another organisation's ordering.
  const cursor = page.before
    ? sql`AND (a.created_at, a.id) < (SELECT c.created_at, c.id FROM audits c WHERE c.id = ${page.before}::uuid AND c.org_id = ${actor.orgId}::uuid)`
    : sql``;
  const res = await db.execute(sql`
    WITH page AS (
      SELECT a.*, o.file_name, row_number() OVER (ORDER BY a.created_at DESC, a.id DESC) AS n
      FROM audits a
      LEFT JOIN artifact_owners o ON o.org_id = a.org_id AND o.sha256 = a.artifact_sha256
      WHERE a.org_id = ${actor.orgId}::uuid ${cursor}
      ORDER BY a.created_at DESC, a.id DESC
      LIMIT ${page.limit + 1}
    )
    SELECT json_build_object(
      'audits', coalesce(json_agg(json_build_object(
        'id', id, 'kind', kind, 'artifactSha256', artifact_sha256, 'fileName', file_name,
        'appName', app_name, 'package', app_package, 'versionName', app_version_name,
        'versionCode', app_version_code::bigint, 'targetName', app_name, 'status', status,
        'progress', progress, 'progressPercent', progress_percent, 'error', error, 'summary', summary,
        'createdAt', ${iso('created_at')}, 'finishedAt', ${iso('finished_at')}
      ) ORDER BY n) FILTER (WHERE n <= ${page.limit}), '[]'),
      'nextBefore', (SELECT p.id FROM page p WHERE p.n = ${page.limit} AND EXISTS (SELECT 1 FROM page q WHERE q.n > ${page.limit}))
    )::text AS body
    FROM page`);
  const rows = (res as unknown as { rows: { body: string }[] }).rows;
  return rows[0]?.body ?? '{"audits":[],"nextBefore":null}';
}

/** One audit of the actor's organisation as a list item, or undefined (another org's is missing). */
export async function auditItem(db: Db, actor: Actor, id: string): Promise<AuditListItemT | undefined> {
  const [row] = await db
    .select(columns)
    .from(audits)
    .leftJoin(
      artifactOwners,
      and(eq(artifactOwners.orgId, audits.orgId), eq(artifactOwners.sha256, audits.artifactSha256)),
    )
    .where(and(eq(audits.orgId, actor.orgId), eq(audits.id, id)))
    .limit(1);
  return row && toItem(row);
}
