/**
 * Audit workers. `workAudits` wires the audit job into a pg-boss runner (the lab server's
 * in-process worker uses it too); `startWorker` is `dfslab worker`: a process with no HTTP side
 * that takes audit jobs from a real PostgreSQL until stopped.
 */
import { openStore, type StoreOptions } from '../store/open.js';
import { giveUpAudit, runAudit, type AuditJobDeps } from './audits/run-audit.js';
import type { UssdAllowEntry } from './ussd/allow-list.js';
import { startPgBossRunner, type JobSettings, type PgBossRunner } from './jobs-pgboss.js';

export type WorkOptions = {
  concurrency?: number;
  /** TEST ONLY: hold each claimed job this long (DFSLAB_TEST_JOB_DELAY_MS for `dfslab worker`). */
  testJobDelayMs?: number;
  /** One line per attempt taken (`dfslab worker` prints them). */
  log?: (line: string) => void;
};

export async function workAudits(
  runner: PgBossRunner,
  deps: AuditJobDeps,
  opts: WorkOptions = {},
): Promise<void> {
  await runner.startWorker(
    {
      run: (auditId, attempt) => {
        opts.log?.(`audit ${auditId} attempt ${attempt.retryCount + 1} of ${attempt.retryLimit + 1}`);
        return runAudit(deps, auditId, {
          reclaim: true,
          retryable: true,
          attempt: attempt.retryCount + 1,
          delayMs: opts.testJobDelayMs,
        });
      },
      giveUp: (auditId, error, attempts) => {
        opts.log?.(`audit ${auditId} given up after ${attempts} attempts`);
        return giveUpAudit(deps, auditId, error, attempts);
      },
    },
    { concurrency: opts.concurrency },
  );
}

export type WorkerOptions = WorkOptions &
  JobSettings & {
    /** postgres://… (the embedded PGlite cannot be shared with another process). */
    url: string;
    /** The folder holding `artifacts/` (shared with the server, e.g. over NFS). */
    dataDir: string;
    /** Apply pending migrations instead of refusing to start. */
    migrate?: boolean;
    logError?: (where: string, e: unknown) => void;
    /** The only callback hosts this worker's USSD scans may reach (default none). */
    ussdAllow?: readonly UssdAllowEntry[];
  };

export type Worker = { stop(): Promise<void> };

export async function startWorker(opts: WorkerOptions): Promise<Worker> {
  const store = await openStore({ url: opts.url, migrate: opts.migrate ?? false } satisfies StoreOptions);
  const logError = opts.logError ?? ((where: string, e: unknown) => console.error(`[${where}]`, e));
  let runner: PgBossRunner;
  try {
    runner = await startPgBossRunner({
      connection: { connectionString: opts.url },
      onError: (e) => logError('job queue', e),
      expireInSeconds: opts.expireInSeconds,
      retryLimit: opts.retryLimit,
    });
  } catch (e) {
    await store.close();
    throw e;
  }
  const deps: AuditJobDeps = {
    db: store.db,
    dataDir: opts.dataDir,
    now: () => new Date(),
    logError,
    ussdAllow: opts.ussdAllow ?? [],
  };
  await workAudits(runner, deps, opts);
  return {
    stop: async () => {
      await runner.stop();
      await store.close();
    },
  };
}
