/**
 * Durable audit jobs on pg-boss 10. With a real PostgreSQL, pg-boss gets its own `pg` pool from
 * the connection string (any number of processes may work the queue). With the embedded PGlite,
 * pg-boss runs in the lab process through a small adapter: each pg-boss call is one PGlite
 * query or multi-statement exec, which PGlite serialises with drizzle's transactions.
 *
 * A job that a dead worker held is retried after `expireInSeconds` (the audit row itself is
 * written in one transaction, so a retry never stores a result twice).
 */
import type { PGlite } from '@electric-sql/pglite';
import PgBoss from 'pg-boss';
import type { Db } from '../store/open.js';
import type { EnqueueOptions, JobRunner } from './jobs.js';

export const AUDIT_QUEUE = 'dfslab-audit';
/** Where pg-boss moves an audit job after its last failed or expired attempt (see giveUp). */
export const AUDIT_DEAD_QUEUE = 'dfslab-audit-dead';

/** How long a job may be held before it counts as abandoned, and how often it is retried. */
export type JobSettings = { expireInSeconds?: number; retryLimit?: number };

export type PgBossRunnerOptions = JobSettings & {
  connection: { connectionString: string } | { pglite: PGlite };
  onError: (e: unknown) => void;
  pollingIntervalSeconds?: number;
};

/** Which attempt this is: retryCount 0 is the first; retryCount === retryLimit is the last. */
export type JobAttempt = { retryCount: number; retryLimit: number };

export type WorkerHandlers = {
  run(auditId: string, attempt: JobAttempt): Promise<void>;
  /** The job failed or expired on its last attempt: record that (error: the last one seen). */
  giveUp(auditId: string, error: string, attempts: number): Promise<void>;
};

export type PgBossRunner = JobRunner & {
  boss: PgBoss;
  /**
   * Work the queue in this process with `concurrency` parallel jobs (default 1). A server whose
   * audits run in `dfslab worker`s never calls it.
   */
  startWorker(handlers: WorkerHandlers, opts?: { concurrency?: number }): Promise<void>;
};

type AuditJobData = { auditId: string };

/** pg-boss's `db` option over PGlite: parameterless text may hold several statements. */
export function pgliteForPgBoss(pglite: PGlite): PgBoss.Db {
  return {
    async executeSql(text: string, values: unknown[] | undefined) {
      if (values && values.length > 0) return { rows: (await pglite.query(text, values)).rows };
      const results = await pglite.exec(text);
      return { rows: results.at(-1)?.rows ?? [] };
    },
  };
}

type Queryable = { query(text: string, values?: unknown[]): Promise<{ rows: unknown[] }> };

/**
 * pg-boss's `db` option over a drizzle transaction: the transaction's own connection (a `pg`
 * PoolClient, or PGlite's transaction), so the job is inserted in the same transaction as the
 * audit row. drizzle keeps that connection in `session.client`; checked here, and by the
 * transactional-enqueue tests on both back ends.
 */
export function transactionForPgBoss(tx: Db): PgBoss.Db {
  const client = (tx as unknown as { session?: { client?: Partial<Queryable> } }).session?.client;
  if (!client || typeof client.query !== 'function')
    throw new Error('transactionForPgBoss: no connection in the drizzle transaction');
  const q = client as Queryable;
  return {
    async executeSql(text: string, values: unknown[] | undefined) {
      return { rows: (await q.query(text, values ?? [])).rows };
    },
  };
}

/**
 * Why pg-boss gave up, from the failed job's output: its own expiry marker, or an error our
 * handler threw (whose message may hold internals, so only the fact is passed on).
 */
function giveUpReason(output: unknown): string {
  const text = JSON.stringify(output ?? null);
  if (text.includes('failed by timeout'))
    return 'the worker stopped before finishing (killed, or over the job expiry)';
  return 'every attempt failed';
}

export async function startPgBossRunner(opts: PgBossRunnerOptions): Promise<PgBossRunner> {
  const expireInSeconds = opts.expireInSeconds ?? 15 * 60;
  const retryLimit = opts.retryLimit ?? 2;
  const common = {
    expireInSeconds,
    retryLimit,
    retryDelay: 0,
    monitorStateIntervalSeconds: 1,
    maintenanceIntervalSeconds: 1,
    schedule: false,
  };
  const boss =
    'connectionString' in opts.connection
      ? new PgBoss({ ...common, connectionString: opts.connection.connectionString, max: 4 })
      : new PgBoss({ ...common, db: pgliteForPgBoss(opts.connection.pglite) });
  boss.on('error', opts.onError);
  await boss.start();
  await boss.createQueue(AUDIT_DEAD_QUEUE, { name: AUDIT_DEAD_QUEUE, retryLimit: 5, retryDelay: 1 });
  await boss.createQueue(AUDIT_QUEUE, {
    name: AUDIT_QUEUE,
    expireInSeconds,
    retryLimit,
    retryDelay: 0,
    deadLetter: AUDIT_DEAD_QUEUE,
  });
  const pending = new Set<Promise<unknown>>();
  let active = 0;
  const track = async (work: () => Promise<void>) => {
    active++;
    try {
      await work();
    } finally {
      active--;
    }
  };
  // Per-job settings: the queue row keeps whatever its first creator chose.
  const send = async (auditId: string, o: EnqueueOptions = {}, db?: PgBoss.Db) => {
    const id = await boss.send(
      AUDIT_QUEUE,
      { auditId },
      {
        singletonKey: auditId,
        expireInSeconds: Math.max(expireInSeconds, o.expireInSeconds ?? 0),
        retryLimit,
        retryDelay: 0,
        deadLetter: AUDIT_DEAD_QUEUE,
        ...(db ? { db } : {}),
      },
    );
    // null: refused (no such queue) or a job for this audit exists already (the singleton key).
    if (id === null && db) throw new Error(`the audit job for ${auditId} was not recorded`);
  };
  const polling = { pollingIntervalSeconds: opts.pollingIntervalSeconds ?? 0.5 };
  return {
    boss,
    async startWorker(handlers, workerOpts = {}) {
      const concurrency = Math.max(1, Math.floor(workerOpts.concurrency ?? 1));
      // pg-boss 10 has no teamSize: each work() is one polling loop taking one job at a time.
      for (let i = 0; i < concurrency; i++)
        await boss.work<AuditJobData>(
          AUDIT_QUEUE,
          { batchSize: 1, includeMetadata: true, ...polling },
          async ([job]) =>
            track(() =>
              handlers.run(job.data.auditId, { retryCount: job.retryCount, retryLimit: job.retryLimit }),
            ),
        );
      await boss.work<AuditJobData>(
        AUDIT_DEAD_QUEUE,
        { batchSize: 1, includeMetadata: true, ...polling },
        async ([job]) =>
          track(() => handlers.giveUp(job.data.auditId, giveUpReason(job.output), job.retryLimit + 1)),
      );
    },
    async enqueue(auditId, enqueueOpts) {
      const p = send(auditId, enqueueOpts);
      pending.add(p);
      try {
        await p;
      } finally {
        pending.delete(p);
      }
    },
    async createWithJob(db, insert, enqueueOpts) {
      return db.transaction(async (tx) => {
        const id = await insert(tx);
        await send(id, enqueueOpts, transactionForPgBoss(tx));
        return id;
      });
    },
    async idle() {
      for (;;) {
        await Promise.allSettled([...pending]);
        const left =
          (await boss.getQueueSize(AUDIT_QUEUE, { before: 'completed' })) +
          (await boss.getQueueSize(AUDIT_DEAD_QUEUE, { before: 'completed' }));
        if (left === 0 && active === 0 && pending.size === 0) return;
        await new Promise((r) => setTimeout(r, 100));
      }
    },
    async stop() {
      await Promise.allSettled([...pending]);
      await boss.stop({ graceful: true, wait: true, timeout: 30_000 });
    },
  };
}
