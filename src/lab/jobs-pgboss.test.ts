import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { PGlite } from '@electric-sql/pglite';
import { startPgBossRunner, type JobAttempt } from './jobs-pgboss.js';

describe('pg-boss runner on PGlite (in-process adapter)', () => {
  it('runs each job once, retries one that throws, and gives up on one that always throws', async () => {
    const pglite = new PGlite();
    const seen: string[] = [];
    const attempts: JobAttempt[] = [];
    const gaveUp: { id: string; error: string; attempts: number }[] = [];
    const errors: unknown[] = [];
    let failOnce = true;
    const runner = await startPgBossRunner({
      connection: { pglite },
      onError: (e) => errors.push(e),
      pollingIntervalSeconds: 0.5,
      retryLimit: 2,
    });
    try {
      await runner.startWorker(
        {
          run: async (id, attempt) => {
            seen.push(id);
            if (id === 'doomed') {
              attempts.push(attempt);
              throw new Error('always');
            }
            if (id === 'flaky' && failOnce) {
              failOnce = false;
              throw new Error('transient');
            }
          },
          giveUp: async (id, error, n) => {
            gaveUp.push({ id, error, attempts: n });
          },
        },
        { concurrency: 2 },
      );
      await Promise.all([
        runner.enqueue('a'),
        runner.enqueue('b'),
        runner.enqueue('flaky'),
        runner.enqueue('doomed'),
      ]);
      await runner.idle();
      assert.deepEqual([...seen].sort(), ['a', 'b', 'doomed', 'doomed', 'doomed', 'flaky', 'flaky']);
      assert.deepEqual(
        attempts.map((a) => a.retryCount),
        [0, 1, 2],
      );
      assert.ok(attempts.every((a) => a.retryLimit === 2));
      assert.deepEqual(gaveUp, [{ id: 'doomed', error: 'every attempt failed', attempts: 3 }]);
      assert.deepEqual(errors, []);
    } finally {
      await runner.stop();
      await pglite.close();
    }
  });
});
