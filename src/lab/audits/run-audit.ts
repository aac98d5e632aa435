/**
 * The audit job: read the stored APK, run the Android audit, store the report and its findings in
 * one transaction (so a result is stored at most once), or mark the audit failed with its error.
 */
import { dfslabVersion } from '../../core/version.js';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { and, eq, inArray } from 'drizzle-orm';
import { auditApk } from '../../android/audit/audit.js';
import { isDfslabError } from '../../core/errors.js';
import type { JsonValue } from '../../core/report/types.js';
import { artifactOwners, artifacts, audits, findings, type AuditStatus } from '../../store/schema.js';
import type { LabDeps } from '../env.js';

export const TOOL = { name: 'dfslab', version: dfslabVersion() };

/**
 * `reclaim`: also take an audit left `running` (pg-boss only hands a job to one worker at a time,
 * so a running row there means its previous worker died).
 */
export async function runAudit(
  deps: LabDeps,
  auditId: string,
  opts: { reclaim?: boolean } = {},
): Promise<void> {
  const claimable: AuditStatus[] = opts.reclaim ? ['queued', 'running'] : ['queued'];
  const [job] = await deps.db
    .select({ audit: audits, artifact: artifacts })
    .from(audits)
    .innerJoin(artifacts, eq(artifacts.sha256, audits.artifactSha256))
    .where(eq(audits.id, auditId))
    .limit(1);
  if (!job || !claimable.includes(job.audit.status)) return;
  const claimed = await deps.db
    .update(audits)
    .set({ status: 'running', progress: 'starting' })
    .where(and(eq(audits.id, auditId), inArray(audits.status, claimable)))
    .returning({ id: audits.id });
  if (claimed.length === 0) return;
  try {
    const [owner] = await deps.db
      .select({ fileName: artifactOwners.fileName })
      .from(artifactOwners)
      .where(and(eq(artifactOwners.orgId, job.audit.orgId), eq(artifactOwners.sha256, job.artifact.sha256)))
      .limit(1);
    const bytes = await readFile(join(deps.dataDir, 'artifacts', job.artifact.storedPath));
    const { report } = await auditApk(
      new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength),
      owner?.fileName ?? 'app.apk',
      {
        tool: TOOL,
        now: deps.now,
      },
    );
    const summary = {
      total: report.summary.total,
      suppressed: report.summary.suppressed,
      bySeverity: report.summary.bySeverity,
    };
    await deps.db.transaction(async (tx) => {
      if (report.findings.length > 0)
        await tx.insert(findings).values(
          report.findings.map((f, ordinal) => ({
            auditId,
            orgId: job.audit.orgId,
            ordinal,
            checkId: f.checkId,
            fingerprint: f.fingerprint,
            severity: f.severity,
            title: f.title,
            message: f.message,
          })),
        );
      await tx
        .update(audits)
        .set({
          status: 'succeeded',
          progress: null,
          report: report as unknown as JsonValue,
          summary,
          finishedAt: deps.now(),
        })
        .where(eq(audits.id, auditId));
    });
  } catch (e) {
    const message = isDfslabError(e) ? e.message : 'internal error while auditing';
    if (!isDfslabError(e)) deps.logError(`audit ${auditId}`, e);
    await deps.db
      .update(audits)
      .set({ status: 'failed', progress: null, error: message, finishedAt: deps.now() })
      .where(eq(audits.id, auditId));
  }
}
