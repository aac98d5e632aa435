/**
 * The job runner seam. This slice runs audits in-process, one at a time, in the server; the
 * issue's goal (durable pg-boss jobs, `dfslab worker`) replaces this behind the same type.
 */
export type JobRunner = {
  enqueue(auditId: string): void;
  /** Resolves when every enqueued job has finished (tests, graceful shutdown). */
  idle(): Promise<void>;
};

export function inProcessRunner(
  run: (auditId: string) => Promise<void>,
  onError: (e: unknown) => void,
): JobRunner {
  let chain: Promise<void> = Promise.resolve();
  return {
    enqueue(auditId) {
      chain = chain.then(() => run(auditId)).catch(onError);
    },
    idle: () => chain,
  };
}
