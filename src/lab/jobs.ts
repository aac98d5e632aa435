/**
 * The job runner seam. `inProcessRunner` runs audits one at a time in the server with no
 * durability of its own (createLab re-queues unfinished audits at start); jobs-pgboss.ts is the
 * durable pg-boss runner behind the same type.
 */
export type JobRunner = {
  /** Resolves once the job is recorded (durably, for pg-boss). */
  enqueue(auditId: string): Promise<void>;
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
  return {
    async enqueue(auditId) {
      chain = chain.then(() => run(auditId)).catch(onError);
    },
    idle: () => chain,
    stop: () => chain,
  };
}
