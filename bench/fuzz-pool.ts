/**
 * Worker threads that run mutants with a per-mutant timeout. A worker that does not answer in
 * time is terminated and replaced; the mutant is retried once with a 4x longer timeout in a fresh
 * worker (a loaded machine can be slow), and reported as a hang only if it times out again.
 */
import { Worker } from 'node:worker_threads';
import type { FuzzJob, FuzzOutcome } from './fuzz-worker.js';

const WORKER_URL = new URL('./fuzz-worker.ts', import.meta.url).href;
/** Worker threads do not inherit tsx's loader hooks on Node 20: register them, then load the .ts worker. */
const WORKER_BOOT = `import(${JSON.stringify(import.meta.resolve('tsx/esm/api'))}).then((m) => { m.register(); return import(${JSON.stringify(WORKER_URL)}); })`;
const RETRY_FACTOR = 4;
const WORKER_HEAP_MB = 2048;

export type PoolResult = FuzzOutcome | { id: number; status: 'hang'; ms: number };

type Running = {
  job: FuzzJob;
  copy: Uint8Array;
  retried: boolean;
  timer: NodeJS.Timeout;
  t0: number;
  done: (r: PoolResult) => void;
};

type Slot = { worker: Worker; ready: Promise<void>; running?: Running };

export class FuzzPool {
  private readonly slots: Slot[] = [];
  private readonly timeoutMs: number;
  private readonly queue: { job: FuzzJob; done: (r: PoolResult) => void }[] = [];

  constructor(size: number, timeoutMs: number) {
    this.timeoutMs = timeoutMs;
    for (let i = 0; i < size; i++) {
      const slot = { worker: undefined as unknown as Worker, ready: Promise.resolve() };
      this.respawn(slot);
      this.slots.push(slot);
    }
  }

  /** Starts a fresh worker for `slot`; events from any older worker of the slot are ignored. */
  private respawn(slot: Slot): void {
    const worker = new Worker(WORKER_BOOT, {
      eval: true,
      resourceLimits: { maxOldGenerationSizeMb: WORKER_HEAP_MB },
    });
    slot.worker = worker;
    let readyResolve: () => void = () => undefined;
    let isReady = false;
    slot.ready = new Promise((r) => (readyResolve = r));
    worker.on('message', (m: FuzzOutcome | { ready: true }) => {
      if (slot.worker !== worker) return;
      if ('ready' in m) {
        isReady = true;
        readyResolve();
        return;
      }
      const r = slot.running;
      if (!r || r.job.id !== m.id) return;
      this.finish(slot, m);
    });
    worker.on('error', (e: Error) => {
      if (slot.worker !== worker) return;
      // a worker that cannot even start is a broken setup, not a finding: stop the campaign
      if (!isReady) {
        process.stderr.write(`fuzz worker failed to start: ${e.stack ?? e.message}\n`);
        process.exit(2);
      }
      // uncaught in the worker (e.g. ERR_WORKER_OUT_OF_MEMORY): a crash of the running mutant
      const r = slot.running;
      this.respawn(slot);
      if (!r) return;
      this.finish(slot, {
        id: r.job.id,
        status: 'crash',
        ms: performance.now() - r.t0,
        error: { name: e.name, message: e.message, stack: e.stack ?? e.message },
      });
    });
  }

  private finish(slot: Slot, result: PoolResult): void {
    const r = slot.running;
    if (!r) return;
    clearTimeout(r.timer);
    slot.running = undefined;
    r.done(result);
    this.pump();
  }

  /** Hands queued jobs to idle workers; synchronous, so a slot is never given out twice. */
  private pump(): void {
    for (const slot of this.slots) {
      if (slot.running) continue;
      const next = this.queue.shift();
      if (!next) return;
      this.start(slot, { ...next.job, bytes: next.job.bytes.slice() }, next.job.bytes, false, next.done);
    }
  }

  /** Runs one job; resolves when it finishes (or hangs). Start several without awaiting to use all workers. */
  run(job: FuzzJob): Promise<PoolResult> {
    return new Promise((done) => {
      this.queue.push({ job, done });
      this.pump();
    });
  }

  private start(
    slot: Slot,
    job: FuzzJob,
    copy: Uint8Array,
    retried: boolean,
    done: (r: PoolResult) => void,
  ): void {
    const timeout = retried ? this.timeoutMs * RETRY_FACTOR : this.timeoutMs;
    const running: Running = { job, copy, retried, t0: 0, done, timer: setTimeout(() => undefined, 0) };
    slot.running = running;
    void slot.ready.then(() => {
      if (slot.running !== running) return;
      running.t0 = performance.now();
      running.timer = setTimeout(() => {
        if (slot.running !== running) return;
        const t0 = running.t0;
        slot.running = undefined;
        void slot.worker.terminate();
        this.respawn(slot);
        if (retried) {
          done({ id: job.id, status: 'hang', ms: performance.now() - t0 });
          this.pump();
          return;
        }
        this.start(slot, { ...job, bytes: copy.slice() }, copy, true, done);
      }, timeout);
      slot.worker.postMessage(job, [job.bytes.buffer as ArrayBuffer]);
    });
  }

  async close(): Promise<void> {
    for (const s of this.slots) {
      if (s.running) clearTimeout(s.running.timer);
      await s.worker.terminate();
    }
  }
}
