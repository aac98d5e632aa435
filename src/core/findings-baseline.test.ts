import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Finding } from './findings.js';
import { exceedsThreshold, makeFinding } from './findings.js';
import { createBaseline, parseBaseline, parseBaselineText } from './baseline-file.js';
import { applyBaseline } from './findings-baseline.js';
import { InputError } from './errors.js';

// SYNTHETIC TEST DATA.
function f(checkId: string, text: string, severity: Finding['severity'] = 'high'): Finding {
  return makeFinding({
    checkId,
    rule: 'synthetic',
    title: 'Synthetic',
    messageId: 'm',
    message: text,
    severity,
    confidence: 'high',
    references: { masvs: [], cwe: [], figi: [] },
    evidence: [{ kind: 'text', text }],
    remediation: 'n/a',
  });
}

const findings = [
  f('TST-A-001', 'one'),
  f('TST-A-001', 'two'),
  f('TST-B-001', 'three'),
  f('TST-C-001', 'four'),
];
const NOW = new Date('2026-06-01T12:00:00Z');

test('fingerprint and check-id entries suppress (not delete); fingerprint wins', () => {
  const baseline = parseBaseline({
    version: 1,
    entries: [
      { fingerprint: findings[0].fingerprint, reason: 'accepted risk: synthetic' },
      { checkId: 'TST-A-001', reason: 'whole check waived' },
      { checkId: 'TST-B-001', reason: 'waived until 2027', expires: '2027-01-01' },
    ],
  });
  const r = applyBaseline(findings, baseline, { now: NOW });
  assert.equal(r.findings.length, findings.length);
  assert.deepEqual(r.findings[0].suppression, {
    reason: 'accepted risk: synthetic',
    matchedBy: 'fingerprint',
  });
  assert.deepEqual(r.findings[1].suppression, { reason: 'whole check waived', matchedBy: 'check' });
  assert.deepEqual(r.findings[2].suppression, {
    reason: 'waived until 2027',
    matchedBy: 'check',
    expires: '2027-01-01',
  });
  assert.equal(r.findings[3].suppression, undefined);
  assert.equal(findings[0].suppression, undefined, 'input findings are not mutated');
  assert.deepEqual(r.expired, []);
  assert.deepEqual(r.unmatched, []);
  // a suppressed finding no longer fails the build
  assert.equal(exceedsThreshold(r.findings.slice(0, 3), 'high'), false);
  assert.equal(exceedsThreshold(r.findings, 'high'), true);
});

test('expired entries suppress nothing and are reported; unmatched live entries are reported', () => {
  const baseline = parseBaseline({
    version: 1,
    entries: [
      { checkId: 'TST-A-001', reason: 'old waiver', expires: '2026-05-31' },
      { checkId: 'TST-B-001', reason: 'expires today, end of day', expires: '2026-06-01' },
      { checkId: 'TST-Z-001', reason: 'check no longer fires' },
      { fingerprint: `v1:${'0'.repeat(32)}`, reason: 'fixed since', expires: '2026-06-01T11:59:59Z' },
    ],
  });
  const r = applyBaseline(findings, baseline, { now: NOW });
  assert.equal(r.findings[0].suppression, undefined);
  assert.equal(r.findings[2].suppression?.reason, 'expires today, end of day');
  assert.deepEqual(
    r.expired.map((e) => e.reason),
    ['old waiver', 'fixed since'],
  );
  assert.deepEqual(
    r.unmatched.map((e) => e.reason),
    ['check no longer fires'],
  );
});

test('the zod schema rejects malformed baseline files with an InputError', () => {
  const bad: [string, unknown][] = [
    ['no version', { entries: [] }],
    ['version 2', { version: 2, entries: [] }],
    ['empty reason', { version: 1, entries: [{ checkId: 'TST-A-001', reason: ' ' }] }],
    ['no reason', { version: 1, entries: [{ checkId: 'TST-A-001' }] }],
    ['bad fingerprint', { version: 1, entries: [{ fingerprint: 'abc', reason: 'r' }] }],
    ['bad check id', { version: 1, entries: [{ checkId: 'and-net-1', reason: 'r' }] }],
    ['bad expiry', { version: 1, entries: [{ checkId: 'TST-A-001', reason: 'r', expires: 'next year' }] }],
    ['unknown key', { version: 1, entries: [{ checkId: 'TST-A-001', reason: 'r', until: '2027-01-01' }] }],
    ['neither id', { version: 1, entries: [{ reason: 'r' }] }],
  ];
  for (const [name, json] of bad) assert.throws(() => parseBaseline(json), InputError, name);
  assert.throws(() => parseBaselineText('{not json'), /not JSON/);
  assert.throws(() => parseBaselineText('{"version":1,"entries":[{"reason":"r"}]}'), /entries\.0/);
});

test('createBaseline accepts every open finding, round-trips through JSON and then suppresses them all', () => {
  const file = createBaseline(findings, 'initial triage', {
    expires: '2027-01-01',
    description: 'synthetic',
  });
  assert.equal(file.entries.length, 4);
  const again = parseBaselineText(JSON.stringify(file));
  const r = applyBaseline(findings, again, { now: NOW });
  assert.ok(r.findings.every((x) => x.suppression?.matchedBy === 'fingerprint'));
  // fingerprints are stable: rebuilding the same findings matches the stored baseline
  const rebuilt = [
    f('TST-A-001', 'one'),
    f('TST-A-001', 'two'),
    f('TST-B-001', 'three'),
    f('TST-C-001', 'four'),
  ];
  assert.ok(applyBaseline(rebuilt, again, { now: NOW }).findings.every((x) => x.suppression));
  // a new finding is not covered
  assert.equal(
    applyBaseline([f('TST-C-001', 'five')], again, { now: NOW }).findings[0].suppression,
    undefined,
  );
});
