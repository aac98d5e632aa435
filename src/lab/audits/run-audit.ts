/**
 * The audit job: claim the audit row, read the stored APK, run the Android audit while writing
 * its stage to `audits.progress`, then store the report and its findings in one transaction that
 * only a still-`running` row accepts (so a result is stored exactly once, however many workers
 * raced for it). An APK the analyzer rejects ends `failed` at once; any other error is retried
 * by the queue (`retryable`) and, after the last attempt, recorded by giveUpAudit.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { and, eq, inArray } from 'drizzle-orm';
import { auditApk } from '../../android/audit/audit.js';
import { isDfslabError } from '../../core/errors.js';
import type { JsonValue } from '../../core/report/types.js';
import { dfslabVersion } from '../../core/version.js';
import { artifactOwners, artifacts, audits, findings, type AuditStatus } from '../../store/schema.js';
import type { LabDeps } from '../env.js';

export const TOOL = { name: 'dfslab', version: dfslabVersion() };

/** What the job needs from the lab (a `dfslab worker` has no HTTP side). */
export type AuditJobDeps = Pick<LabDeps, 'db' | 'dataDir' | 'now' | 'logError'>;

export type RunAuditOptions = {
  /**
   * Also take an audit left `running` (pg-boss hands a job to one worker at a time, so a running
   * row there means its previous worker died or overran the expiry).
   */
  reclaim?: boolean;
  /** Throw errors other than a rejected APK so the queue retries them (pg-boss). */
  retryable?: boolean;
  /** The 1-based attempt, shown in the progress text from the second one on. */
  attempt?: number;
  /** TEST ONLY: hold the claimed job this long before analysing (the crash test kills it then). */
  delayMs?: number;
};

const STORED_ERROR_MAX = 500;

/** An error a member of the organisation may read: our own messages, or only the errno code. */
function publicMessage(e: unknown): string {
  if (isDfslabError(e)) return e.message.slice(0, STORED_ERROR_MAX);
  const code = e && typeof e === 'object' && 'code' in e && typeof e.code === 'string' ? ` (${e.code})` : '';
  return `internal error while auditing${code}; details are in the worker log`;
}

export async function runAudit(
  deps: AuditJobDeps,
  auditId: string,
  opts: RunAuditOptions = {},
): Promise<void> {
  const claimable: AuditStatus[] = opts.reclaim ? ['queued', 'running'] : ['queued'];
  const [job] = await deps.db
    .select({ audit: audits, artifact: artifacts })
    .from(audits)
    .innerJoin(artifacts, eq(artifacts.sha256, audits.artifactSha256))
    .where(eq(audits.id, auditId))
    .limit(1);
  if (!job || !claimable.includes(job.audit.status)) return;
  const prefix = opts.attempt && opts.attempt > 1 ? `attempt ${opts.attempt}: ` : '';
  const claimed = await deps.db
    .update(audits)
    .set({ status: 'running', progress: `${prefix}starting`, error: null })
    .where(and(eq(audits.id, auditId), inArray(audits.status, claimable)))
    .returning({ id: audits.id });
  if (claimed.length === 0) return;
  // Stage writes are chained (auditApk reports synchronously) and never fail the audit.
  let writes: Promise<unknown> = Promise.resolve();
  const setProgress = (stage: string) => {
    writes = writes
      .then(() =>
        deps.db
          .update(audits)
          .set({ progress: `${prefix}${stage}` })
          .where(and(eq(audits.id, auditId), eq(audits.status, 'running'))),
      )
      .catch((e: unknown) => deps.logError(`audit ${auditId} progress`, e));
  };
  try {
    if (opts.delayMs && opts.delayMs > 0) {
      setProgress('waiting (test delay)');
      await writes;
      await sleep(opts.delayMs);
    }
    const [owner] = await deps.db
      .select({ fileName: artifactOwners.fileName })
      .from(artifactOwners)
      .where(and(eq(artifactOwners.orgId, job.audit.orgId), eq(artifactOwners.sha256, job.artifact.sha256)))
      .limit(1);
    setProgress('reading the stored APK');
    const bytes = await readFile(join(deps.dataDir, 'artifacts', job.artifact.storedPath));
    const { report } = await auditApk(
      new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength),
      owner?.fileName ?? 'app.apk',
      { tool: TOOL, now: deps.now, onProgress: setProgress },
    );
    setProgress('storing the findings');
    await writes;
    const summary = {
      total: report.summary.total,
      suppressed: report.summary.suppressed,
      bySeverity: report.summary.bySeverity,
    };
    await deps.db.transaction(async (tx) => {
      // Row-locking first: a second worker's transaction waits here, then sees `succeeded`.
      const won = await tx
        .update(audits)
        .set({
          status: 'succeeded',
          progress: null,
          error: null,
          report: report as unknown as JsonValue,
          summary,
          finishedAt: deps.now(),
        })
        .where(and(eq(audits.id, auditId), eq(audits.status, 'running')))
        .returning({ id: audits.id });
      if (won.length === 0 || report.findings.length === 0) return;
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
    });
  } catch (e) {
    await writes;
    if (!isDfslabError(e)) deps.logError(`audit ${auditId}`, e);
    if (opts.retryable && !isDfslabError(e)) {
      await deps.db
        .update(audits)
        .set({ status: 'queued', progress: `${prefix}failed, will retry: ${publicMessage(e)}` })
        .where(and(eq(audits.id, auditId), eq(audits.status, 'running')));
      throw e;
    }
    await failAudit(deps, auditId, publicMessage(e));
  }
}

/** Mark an unfinished audit failed (never overwrites a stored result). */
async function failAudit(deps: AuditJobDeps, auditId: string, message: string): Promise<void> {
  await deps.db
    .update(audits)
    .set({ status: 'failed', progress: null, error: message, finishedAt: deps.now() })
    .where(and(eq(audits.id, auditId), inArray(audits.status, ['queued', 'running'])));
}

/** The queue gave up on the audit's job (every attempt threw, or its workers died or overran). */
export async function giveUpAudit(
  deps: AuditJobDeps,
  auditId: string,
  lastError: string,
  attempts: number,
): Promise<void> {
  const [row] = await deps.db
    .select({ progress: audits.progress })
    .from(audits)
    .where(eq(audits.id, auditId))
    .limit(1);
  if (!row) return;
  // The row's progress holds our public text of a thrown error; pg-boss's own reason otherwise.
  const retryNote = row.progress?.match(/failed, will retry: (.*)$/)?.[1];
  const reason = retryNote ?? lastError;
  await failAudit(deps, auditId, `gave up after ${attempts} attempts: ${reason}`.slice(0, STORED_ERROR_MAX));
}
