/**
 * The organisation's audits, newest first, with the app identity from the columns that migration
 * 0005 generates from the report (so a list never reads whole reports).
 */
import type { z } from '@hono/zod-openapi';
import { and, desc, eq, sql } from 'drizzle-orm';
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

/**
 * One page, newest first, by keyset on (created_at, id): stable while new audits arrive. The hot
 * list read: each audit's item is kept as JSON text by a trigger (migration 0006, the same shape as
 * `AuditListItem`, which a test checks against the drizzle-mapped `auditItem`), so PostgreSQL only
 * walks the index, and the server splices the organisation's file name into each text and sends
 * the page without parsing or re-serialising anything. Two statements (first page, page after a
 * cursor), each prepared once per database: no planning per read.
 */
function prepareList(db: Db, afterCursor: boolean) {
  const org = sql.placeholder('org');
  // Position of the cursor audit, looked up in this organisation only: an unknown or foreign id
  // gives an empty page, never another organisation's ordering.
  const cursor = afterCursor
    ? sql`(${audits.createdAt}, ${audits.id}) < (SELECT c.created_at, c.id FROM audits c WHERE c.id = ${sql.placeholder('before')}::uuid AND c.org_id = ${org}::uuid)`
    : undefined;
  return db
    .select({ id: audits.id, fileName: artifactOwners.fileName, item: audits.listItem })
    .from(audits)
    .leftJoin(
      artifactOwners,
      and(eq(artifactOwners.orgId, audits.orgId), eq(artifactOwners.sha256, audits.artifactSha256)),
    )
    .where(and(sql`${audits.orgId} = ${org}::uuid`, cursor))
    .orderBy(desc(audits.createdAt), desc(audits.id))
    .limit(sql.placeholder('rows'))
    .prepare(afterCursor ? 'dfslab_audit_list_after' : 'dfslab_audit_list');
}
type ListQuery = ReturnType<typeof prepareList>;
const listQueries = new WeakMap<Db, { first: ListQuery; after: ListQuery }>();

export async function listAuditsJson(
  db: Db,
  actor: Actor,
  page: AuditListPage = { limit: 50 },
): Promise<string> {
  let q = listQueries.get(db);
  if (!q) listQueries.set(db, (q = { first: prepareList(db, false), after: prepareList(db, true) }));
  // One row more than the page tells whether an older page exists.
  const rows = page.before
    ? await q.after.execute({ org: actor.orgId, rows: page.limit + 1, before: page.before })
    : await q.first.execute({ org: actor.orgId, rows: page.limit + 1 });
  const shown = rows.length > page.limit ? rows.slice(0, page.limit) : rows;
  const items: string[] = [];
  for (const r of shown) {
    // The trigger writes every row's item; a row without one (impossible short of a hand edit)
    // is mapped the slow way rather than dropped.
    if (r.item !== null) items.push(`{"fileName":${JSON.stringify(r.fileName)},${r.item.slice(1)}`);
    else {
      const slow = await auditItem(db, actor, r.id);
      if (slow) items.push(JSON.stringify(slow));
    }
  }
  const next = rows.length > page.limit ? JSON.stringify(shown[shown.length - 1]!.id) : 'null';
  return `{"audits":[${items.join(',')}],"nextBefore":${next}}`;
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
