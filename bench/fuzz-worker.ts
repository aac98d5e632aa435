/** Worker thread of the fuzz campaign: runs one mutant at a time and reports how it ended. */
import { parentPort } from 'node:worker_threads';
import { isDfslabError } from '../src/core/errors.js';
import type { Format } from './fuzz-seeds.js';
import { TARGETS } from './fuzz-targets.js';

export type FuzzJob = { id: number; format: Format; bytes: Uint8Array; variant: number };
export type FuzzOutcome = {
  id: number;
  status: 'ok' | 'typed' | 'crash';
  ms: number;
  error?: { name: string; message: string; stack: string };
};

const port = parentPort;
if (!port) throw new Error('fuzz-worker must run in a worker thread');

port.on('message', (job: FuzzJob) => {
  const t0 = performance.now();
  let out: Omit<FuzzOutcome, 'ms'>;
  try {
    TARGETS[job.format](job.bytes, job.variant);
    out = { id: job.id, status: 'ok' };
  } catch (e) {
    if (isDfslabError(e)) out = { id: job.id, status: 'typed' };
    else {
      const err = e instanceof Error ? e : new Error(String(e));
      out = {
        id: job.id,
        status: 'crash',
        error: { name: err.name, message: err.message, stack: err.stack ?? String(err) },
      };
    }
  }
  port.postMessage({ ...out, ms: performance.now() - t0 });
});
port.postMessage({ ready: true });
