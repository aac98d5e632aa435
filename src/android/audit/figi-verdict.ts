/**
 * The FIGI baseline verdict: for each Android test of the FIGI "Security audit of various DFS
 * applications" report, pass / fail / needs a dynamic test, decided from the checks that cite
 * the test (refs.figi) and what they found. A test no check covers, or that a static audit
 * cannot decide, is never passed silently.
 */
import type { CheckMeta, EngineError } from '../../core/check.js';
import type { Finding } from '../../core/findings.js';
import type { BaselineVerdict, BaselineVerdictRow } from '../../core/report/index.js';
import { FIGI_APP_TESTS } from '../../catalog/figi-app-tests.js';

export const FIGI_BASELINE_NAME = 'FIGI Android DFS app security baseline';

export type OverallVerdict = 'fail' | 'pass-static';

export function figiVerdict(
  rules: readonly CheckMeta[],
  findings: readonly Finding[],
  errors: readonly EngineError[],
): BaselineVerdict {
  const failedChecks = new Set(errors.map((e) => e.checkId));
  const rows: BaselineVerdictRow[] = FIGI_APP_TESTS.map((t) => {
    const checks = rules.filter((r) => r.refs.figi.includes(t.id)).map((r) => r.id);
    const hits = findings.filter(
      (f) => !f.suppression && f.references.figi.includes(t.id) && f.severity !== 'info',
    );
    const row: BaselineVerdictRow = { id: t.id, title: t.title, status: 'needs-dynamic-test', checks };
    const broken = checks.filter((c) => failedChecks.has(c));
    if (hits.length) {
      row.status = 'fail';
      const ids = [...new Set(hits.map((f) => f.checkId))];
      row.note = `${hits.length} finding${hits.length > 1 ? 's' : ''} (${ids.join(', ')})`;
    } else if (t.staticOutcome === 'needs-dynamic') {
      row.note = t.staticNote ?? 'decided only by a test on a device or through a proxy';
    } else if (checks.length === 0) {
      row.note = 'no static check of this version of dfslab covers this test';
    } else if (broken.length) {
      row.note = `could not be decided: ${broken.join(', ')} failed to run`;
    } else if (t.staticOutcome === 'can-only-fail') {
      row.note = t.staticNote ?? 'no static evidence of a failure; a dynamic test must confirm a pass';
    } else {
      row.status = 'pass';
    }
    return row;
  });
  return { name: FIGI_BASELINE_NAME, version: 'APP-AUDIT 2021', rows };
}

/** 'fail' when any row fails; otherwise what a static audit can say: no failure found. */
export function overallVerdict(v: BaselineVerdict): OverallVerdict {
  return v.rows.some((r) => r.status === 'fail') ? 'fail' : 'pass-static';
}
