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

/**
 * Catalogue USSD-08 (PIN persisting in the gateway's history and logs): deciding it needs the
 * gateway's and the app's logs, which a callback-only scan never sees. Always a checklist row.
 */
export const PIN_IN_LOGS_ROW = {
  id: 'USSD-008',
  /** The references docs/checks/USSD-008.md cites (resolved by the unit test). */
  refs: { masvs: [], cwe: [532], figi: ['FIGI-USSD-3.1', 'FIGI-SAF-C118'] },
  title: "PIN persists in the gateway's input history and in logs (catalogue USSD-08; CWE-532)",
  manual:
    "Obtain the USSD gateway's and the callback application's request/access logs for a test session in which the PIN was typed, and search them for the test PIN (including inside the '*'-joined history and the end-of-session notification). The PIN must appear nowhere; the app must not log the gateway's 'text'/'Message' field.",
  fullHistory:
    " This dialect repeats every earlier input in each later hop (the 'text' field), so the PIN travels with every hop after the PIN screen.",
  inQuery:
    ' This dialect sends the input in the URL query string (GET), so the PIN also lands in every web server, proxy and load-balancer access log on the way: check those too.',
};

/** What the scan learnt that changes a row's note (never its status). */
export type VerdictNotes = {
  /** The dialect puts the input in the URL query (GET). */
  inQuery?: boolean;
  /** USSD-020's probe: version → 'accepted: …' / 'refused: …' / 'could not probe: …'. */
  tlsVersions?: Record<string, string>;
};

function tlsNote(tls: Record<string, string> | undefined): string {
  if (!tls) return '';
  const list = Object.entries(tls).map(([v, r]) => `${v} ${r.split(':')[0]}`);
  const unprobed = Object.entries(tls)
    .filter(([v, r]) => (v === 'TLSv1' || v === 'TLSv1.1') && r.startsWith('could not probe'))
    .map(([v]) => v);
  return (
    ` TLS versions probed on the callback: ${list.join(', ')}.` +
    (unprobed.length
      ? ` ${unprobed.join(' and ')} could not be probed from this machine: check them with another client.`
      : '')
  );
}

/**
 * One row per FIGI USSD test: 'fail' when a mapped check found something, else
 * 'needs-dynamic-test'; then the USSD-008 log checklist row, always 'needs-dynamic-test'.
 * `history` is the scanned dialect's (a 'full' history dialect carries the PIN in later hops).
 */
export function figiUssdVerdict(
  findings: readonly Finding[],
  history?: 'full' | 'latest',
  notes: VerdictNotes = {},
): BaselineVerdict {
  const failing = new Set(findings.filter((f) => !f.suppression).map((f) => f.checkId));
  const rows: BaselineVerdictRow[] = FIGI_USSD_TESTS.map((t) => {
    const rule = RULES[t.id] ?? { checks: [], manual: 'Manual test.' };
    const hit = rule.checks.filter((c) => failing.has(c));
    const extra = t.id === 'FIGI-USSD-3.1' ? tlsNote(notes.tlsVersions) : '';
    if (hit.length)
      return {
        id: t.id,
        title: t.title,
        status: 'fail',
        checks: rule.checks,
        note: `found by ${hit.join(', ')}.${extra}`,
      };
    return {
      id: t.id,
      title: t.title,
      status: 'needs-dynamic-test',
      checks: rule.checks,
      note: rule.manual + extra,
    };
  });
  rows.push({
    id: PIN_IN_LOGS_ROW.id,
    title: PIN_IN_LOGS_ROW.title,
    status: 'needs-dynamic-test',
    checks: [],
    note:
      PIN_IN_LOGS_ROW.manual +
      (history === 'full' ? PIN_IN_LOGS_ROW.fullHistory : '') +
      (notes.inQuery ? PIN_IN_LOGS_ROW.inQuery : ''),
  });
  return { name: 'FIGI USSD/STK security tests (2020)', rows };
}
