import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildReport, summarize } from './build.js';
import { syntheticChecks, SYNTHETIC_CTX } from './testing/synthetic.js';
import { runChecksSync } from '../check.js';
import { applyBaseline } from '../findings-baseline.js';

test('buildReport from a run: sorted, metadata-only rules, summary counts exclude suppressed findings', () => {
  const run = runChecksSync(syntheticChecks, SYNTHETIC_CTX);
  const { findings } = applyBaseline(run.findings, {
    version: 1,
    entries: [{ checkId: 'TST-NET-001', reason: 'synthetic waiver' }],
  });
  const r = buildReport({
    ...run,
    findings,
    rules: [...syntheticChecks].reverse(), // full checks, unsorted: must be normalised
    tool: { name: 'dfslab', version: '0.1.0' },
    target: { kind: 'android-apk', name: 'Synthetic' },
  });
  assert.deepEqual(
    r.rules.map((x) => x.id),
    [...syntheticChecks.map((c) => c.id)].sort(),
  );
  assert.ok(r.rules.every((x) => !('run' in x)));
  assert.equal(r.summary.suppressed, 1);
  assert.equal(r.summary.total, run.findings.length - 1);
  assert.equal(r.summary.bySeverity.high, 0); // the only high finding was suppressed
  assert.equal(r.summary.bySeverity.critical, 1);
  assert.equal(r.summary.errors, 1);
  assert.match(r.runId, /^[0-9a-f-]{36}$/);
  assert.ok(!Number.isNaN(Date.parse(r.startedAt)));
  assert.deepEqual(summarize([], 0, 0), {
    bySeverity: { info: 0, low: 0, medium: 0, high: 0, critical: 0 },
    total: 0,
    suppressed: 0,
    checksRun: 0,
    errors: 0,
  });
});
