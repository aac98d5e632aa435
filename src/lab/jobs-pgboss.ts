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
import type { JobRunner } from './jobs.js';

export const AUDIT_QUEUE = 'dfslab-audit';

export type PgBossRunnerOptions = {
  connection: { connectionString: string } | { pglite: PGlite };
  onError: (e: unknown) => void;
  expireInSeconds?: number;
  retryLimit?: number;
  pollingIntervalSeconds?: number;
};

export type PgBossRunner = JobRunner & {
  boss: PgBoss;
  /** Work the queue in this process (a server whose audits run in `dfslab worker`s never calls it). */
  startWorker(run: (auditId: string) => Promise<void>): Promise<void>;
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

export async function startPgBossRunner(opts: PgBossRunnerOptions): Promise<PgBossRunner> {
  const expireInSeconds = opts.expireInSeconds ?? 15 * 60;
  const common = {
    expireInSeconds,
    retryLimit: opts.retryLimit ?? 2,
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
  await boss.createQueue(AUDIT_QUEUE, {
    name: AUDIT_QUEUE,
    expireInSeconds,
    retryLimit: common.retryLimit,
    retryDelay: 0,
  });
  const pending = new Set<Promise<unknown>>();
  let active = 0;
  return {
    boss,
    async startWorker(run) {
      await boss.work<AuditJobData>(
        AUDIT_QUEUE,
        { batchSize: 1, pollingIntervalSeconds: opts.pollingIntervalSeconds ?? 0.5 },
        async ([job]) => {
          active++;
          try {
            await run(job.data.auditId);
          } finally {
            active--;
          }
        },
      );
    },
    async enqueue(auditId) {
      const p = boss.send(AUDIT_QUEUE, { auditId }, { singletonKey: auditId });
      pending.add(p);
      try {
        await p;
      } finally {
        pending.delete(p);
      }
    },
    async idle() {
      for (;;) {
        await Promise.allSettled([...pending]);
        const left = await boss.getQueueSize(AUDIT_QUEUE, { before: 'completed' });
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
