/**
 * The audit job: claim the audit row, run its analysis (an APK, an STK capture, a USSD scan) while
 * writing its step and percentage to the row, then store the report and its findings in one
 * transaction that only a still-`running` row accepts (so a result is stored exactly once, however
 * many workers raced for it). Input the analyzer rejects ends `failed` at once; any other error is
 * retried by the queue (`retryable`) and, after the last attempt, recorded by giveUpAudit.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { and, eq, inArray } from 'drizzle-orm';
import { isDfslabError } from '../../core/errors.js';
import type { Report } from '../../core/report/index.js';
import type { JsonValue } from '../../core/report/types.js';
import { dfslabVersion } from '../../core/version.js';
import { artifactOwners, artifacts, audits, findings, type AuditStatus } from '../../store/schema.js';
import type { LabDeps } from '../env.js';
import { analyseStk } from '../stk/analyse-stk.js';
import { analyseUssd } from '../ussd/analyse-ussd.js';
import { scrubUssdInput } from '../ussd/target.js';
import { analyseApk } from './analyse-apk.js';
import { progressWriter, type Progress } from './progress.js';

export const TOOL = { name: 'dfslab', version: dfslabVersion() };

/** What the job needs from the lab (a `dfslab worker` has no HTTP side). */
export type AuditJobDeps = Pick<LabDeps, 'db' | 'dataDir' | 'now' | 'logError' | 'ussdAllow'>;

export type RunAuditOptions = {
  /**
   * Also take an audit left `running` (pg-boss hands a job to one worker at a time, so a running
   * row there means its previous worker died or overran the expiry).
   */
  reclaim?: boolean;
  /** Throw errors other than rejected input so the queue retries them (pg-boss). */
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

type Claimed = { audit: typeof audits.$inferSelect; artifact: typeof artifacts.$inferSelect | null };

async function analyse(deps: AuditJobDeps, job: Claimed, progress: Progress): Promise<Report> {
  const { audit, artifact } = job;
  if (audit.kind === 'ussd')
    return analyseUssd(audit.input, { allow: deps.ussdAllow ?? [], tool: TOOL, progress });
  if (!artifact) throw new Error(`audit ${audit.id} has no artifact`);
  const [owner] = await deps.db
    .select({ fileName: artifactOwners.fileName })
    .from(artifactOwners)
    .where(and(eq(artifactOwners.orgId, audit.orgId), eq(artifactOwners.sha256, artifact.sha256)))
    .limit(1);
  if (audit.kind === 'stk')
    return analyseStk(artifact.storedPath, owner?.fileName ?? 'capture.json', {
      dataDir: deps.dataDir,
      tool: TOOL,
      progress,
    });
  return analyseApk(artifact.storedPath, owner?.fileName ?? 'app.apk', {
    dataDir: deps.dataDir,
    tool: TOOL,
    now: deps.now,
    progress,
  });
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
    .leftJoin(artifacts, eq(artifacts.sha256, audits.artifactSha256))
    .where(eq(audits.id, auditId))
    .limit(1);
  if (!job || !claimable.includes(job.audit.status)) return;
  const prefix = opts.attempt && opts.attempt > 1 ? `attempt ${opts.attempt}: ` : '';
  const claimed = await deps.db
    .update(audits)
    .set({ status: 'running', progress: `${prefix}starting`, progressPercent: 0, error: null })
    .where(and(eq(audits.id, auditId), inArray(audits.status, claimable)))
    .returning({ id: audits.id });
  if (claimed.length === 0) return;
  const progress = progressWriter(deps, auditId, prefix);
  try {
    if (opts.delayMs && opts.delayMs > 0) {
      progress.step('waiting (test delay)');
      await progress.flush();
      await sleep(opts.delayMs);
    }
    const report = await analyse(deps, job, progress);
    progress.step('storing the findings', 95);
    await progress.flush();
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
          progressPercent: 100,
          error: null,
          report: report as unknown as JsonValue,
          summary,
          finishedAt: deps.now(),
          ...(job.audit.kind === 'ussd' ? { input: scrubUssdInput(job.audit.input) } : {}),
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
    await progress.flush();
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
  const [row] = await deps.db
    .select({ kind: audits.kind, input: audits.input })
    .from(audits)
    .where(eq(audits.id, auditId))
    .limit(1);
  await deps.db
    .update(audits)
    .set({
      status: 'failed',
      progress: null,
      error: message,
      finishedAt: deps.now(),
      ...(row?.kind === 'ussd' ? { input: scrubUssdInput(row.input) } : {}),
    })
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
