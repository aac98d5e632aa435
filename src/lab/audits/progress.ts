/**
 * A running job's progress on its audit row: a step text and a percentage. Writes are coalesced
 * (one in flight, the latest wins), the percentage never goes backwards, and a failed write is
 * logged, never fatal to the job.
 */
import { and, eq } from 'drizzle-orm';
import type { Db } from '../../store/open.js';
import { audits } from '../../store/schema.js';

export type ProgressDeps = { db: Db; logError: (where: string, e: unknown) => void };

export type Progress = {
  /** Set the step (and optionally the percentage, 0–100). */
  step(text: string, percent?: number): void;
  /** Resolves once everything reported so far is written. */
  flush(): Promise<void>;
};

export function progressWriter(deps: ProgressDeps, auditId: string, prefix = ''): Progress {
  let text = '';
  let percent = 0;
  let dirty = false;
  let inFlight: Promise<void> | undefined;
  const write = async (): Promise<void> => {
    while (dirty) {
      dirty = false;
      const values = { progress: `${prefix}${text}`, progressPercent: percent };
      await deps.db
        .update(audits)
        .set(values)
        .where(and(eq(audits.id, auditId), eq(audits.status, 'running')))
        .then(
          () => undefined,
          (e: unknown) => deps.logError(`audit ${auditId} progress`, e),
        );
    }
  };
  return {
    step(t, p) {
      text = t;
      if (p !== undefined) percent = Math.max(percent, Math.min(100, Math.max(0, Math.round(p))));
      dirty = true;
      inFlight ??= write().finally(() => {
        inFlight = undefined;
      });
    },
    async flush() {
      while (inFlight) await inFlight;
    },
  };
}
