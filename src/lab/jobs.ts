/**
 * The job runner seam. `inProcessRunner` runs audits one at a time in the server with no
 * durability of its own (createLab re-queues unfinished audits at start); jobs-pgboss.ts is the
 * durable pg-boss runner behind the same type.
 */
import type { Db } from '../store/open.js';

export type EnqueueOptions = {
  /** This job may be held this long before it counts as abandoned (a long USSD scan needs more). */
  expireInSeconds?: number;
};

export type JobRunner = {
  /** Resolves once the job is recorded (durably, for pg-boss). */
  enqueue(auditId: string, opts?: EnqueueOptions): Promise<void>;
  /**
   * Run `insert` (which writes the audit row and returns its id) and record the audit's job in ONE
   * transaction: both are stored or neither (pg-boss writes its job through the same connection).
   */
  createWithJob(db: Db, insert: (tx: Db) => Promise<string>, opts?: EnqueueOptions): Promise<string>;
  /** Resolves when every enqueued job has finished (tests, graceful shutdown). */
  idle(): Promise<void>;
  /** Finish running jobs and stop taking new ones. */
  stop(): Promise<void>;
};

export function inProcessRunner(
  run: (auditId: string) => Promise<void>,
  onError: (e: unknown) => void,
): JobRunner {
  let chain: Promise<void> = Promise.resolve();
  const enqueue = async (auditId: string) => {
    chain = chain.then(() => run(auditId)).catch(onError);
  };
  return {
    enqueue,
    // Not durable: a crash after the commit leaves a queued row, re-queued by resumeAudits.
    async createWithJob(db, insert) {
      const id = await db.transaction((tx) => insert(tx));
      await enqueue(id);
      return id;
    },
    idle: () => chain,
    stop: () => chain,
  };
}
