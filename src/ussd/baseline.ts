/**
 * The FIGI USSD/STK test list as a verdict table. A callback-only scan decides very little of
 * it; everything it cannot decide is 'needs-dynamic-test' (never a silent pass).
 */
import type { Finding } from '../core/findings.js';
import type { BaselineVerdict, BaselineVerdictRow } from '../core/report/index.js';
import { FIGI_USSD_TESTS } from '../catalog/figi-ussd-tests.js';

type RowRule = { checks: string[]; manual: string };

const RULES: Record<string, RowRule> = {
  'FIGI-USSD-3.1': {
    checks: ['USSD-020', 'USSD-007', 'USSD-006'],
    manual:
      'Capture at the BTS, MSC, USSD gateway and DFS server (core/SS7 access) is needed to pass this test.',
  },
  'FIGI-USSD-3.2': {
    checks: [],
    manual: 'Move the test SIM to a second handset (other IMEI) and see whether the service re-verifies.',
  },
  'FIGI-USSD-3.3': {
    checks: ['USSD-018'],
    manual: 'Swap or recycle a test SIM (or run USSD-018 with --sim-swap-mock) and try a transaction.',
  },
  'FIGI-USSD-3.4': {
    checks: [],
    manual: 'Trace the SIM-handset link (SIMtrace2) or use an overlay SIM on an STK wallet.',
  },
  'FIGI-USSD-3.5': {
    checks: [],
    manual: 'Send binary OTA / S@T / WIB probes to a test SIM (SIMtester) in a lab network.',
  },
  'FIGI-USSD-3.6': { checks: [], manual: 'Dial the wallet codes from adb shell / an app on a test handset.' },
  'FIGI-USSD-3.7': {
    checks: [],
    manual: 'Network-initiated USSD over SS7 needs an SS7 lab or the operator.',
  },
  'FIGI-USSD-3.8': { checks: [], manual: 'Clone a COMP128v1 test SIM and try the service.' },
};

/** One row per FIGI USSD test: 'fail' when a mapped check found something, else 'needs-dynamic-test'. */
export function figiUssdVerdict(findings: readonly Finding[]): BaselineVerdict {
  const failing = new Set(findings.filter((f) => !f.suppression).map((f) => f.checkId));
  const rows: BaselineVerdictRow[] = FIGI_USSD_TESTS.map((t) => {
    const rule = RULES[t.id] ?? { checks: [], manual: 'Manual test.' };
    const hit = rule.checks.filter((c) => failing.has(c));
    if (hit.length)
      return {
        id: t.id,
        title: t.title,
        status: 'fail',
        checks: rule.checks,
        note: `found by ${hit.join(', ')}`,
      };
    return { id: t.id, title: t.title, status: 'needs-dynamic-test', checks: rule.checks, note: rule.manual };
  });
  return { name: 'FIGI USSD/STK security tests (2020)', rows };
}
