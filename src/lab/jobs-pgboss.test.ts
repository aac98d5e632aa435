import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { PGlite } from '@electric-sql/pglite';
import { startPgBossRunner } from './jobs-pgboss.js';

describe('pg-boss runner on PGlite (in-process adapter)', () => {
  it('runs each enqueued job once and retries one that throws', async () => {
    const pglite = new PGlite();
    const seen: string[] = [];
    const errors: unknown[] = [];
    let failOnce = true;
    const runner = await startPgBossRunner({
      connection: { pglite },
      onError: (e) => errors.push(e),
      pollingIntervalSeconds: 0.5,
    });
    try {
      await runner.startWorker(async (id) => {
        seen.push(id);
        if (id === 'flaky' && failOnce) {
          failOnce = false;
          throw new Error('transient');
        }
      });
      await Promise.all([runner.enqueue('a'), runner.enqueue('b'), runner.enqueue('flaky')]);
      await runner.idle();
      assert.deepEqual([...seen].sort(), ['a', 'b', 'flaky', 'flaky']);
      assert.deepEqual(errors, []);
    } finally {
      await runner.stop();
      await pglite.close();
    }
  });
});
