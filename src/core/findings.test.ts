import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Evidence, Finding } from './findings.js';
import {
  compareSeverity,
  countBySeverity,
  describeLocation,
  exceedsThreshold,
  fingerprintOf,
  makeFinding,
  masvsArea,
  maxSeverity,
  parseThreshold,
  primaryLocationKey,
  sortFindings,
} from './findings.js';

// SYNTHETIC TEST DATA: invented check ids and locations.
function f(over: Partial<Finding> & Pick<Finding, 'checkId'>): Finding {
  return makeFinding({
    rule: 'synthetic',
    title: 'Synthetic finding',
    messageId: 'm',
    message: 'synthetic',
    severity: 'medium',
    confidence: 'high',
    references: { masvs: [], cwe: [], figi: [] },
    evidence: [{ kind: 'text', text: over.checkId }],
    remediation: 'n/a',
    ...over,
  });
}

test('severity order and helpers', () => {
  assert.ok(compareSeverity('critical', 'high') > 0);
  assert.ok(compareSeverity('info', 'low') < 0);
  assert.equal(compareSeverity('medium', 'medium'), 0);
  const list = [
    f({ checkId: 'TST-A-001', severity: 'low' }),
    f({ checkId: 'TST-B-001', severity: 'critical' }),
  ];
  assert.equal(maxSeverity(list), 'critical');
  assert.equal(maxSeverity([]), undefined);
  assert.deepEqual(countBySeverity(list), { info: 0, low: 1, medium: 0, high: 0, critical: 1 });
  assert.equal(masvsArea('MASVS-NETWORK-1'), 'NETWORK');
  assert.equal(masvsArea('MASVS-NET-1'), undefined);
});

test('sortFindings: worst first, then confidence, then check id; input untouched', () => {
  const a = f({ checkId: 'TST-A-001', severity: 'low' });
  const b = f({ checkId: 'TST-B-001', severity: 'high', confidence: 'low' });
  const c = f({ checkId: 'TST-C-001', severity: 'high', confidence: 'high' });
  const d = f({ checkId: 'TST-A-002', severity: 'high', confidence: 'high' });
  const input = [a, b, c, d];
  assert.deepEqual(
    sortFindings(input).map((x) => x.checkId),
    ['TST-A-002', 'TST-C-001', 'TST-B-001', 'TST-A-001'],
  );
  assert.deepEqual(input, [a, b, c, d]);
});

test('exceedsThreshold (--fail-on)', () => {
  const list = [
    f({ checkId: 'TST-A-001', severity: 'medium' }),
    f({ checkId: 'TST-B-001', severity: 'low' }),
  ];
  assert.equal(exceedsThreshold(list, 'high'), false);
  assert.equal(exceedsThreshold(list, 'medium'), true);
  assert.equal(exceedsThreshold(list, 'info'), true);
  assert.equal(exceedsThreshold(list, 'none'), false);
  assert.equal(exceedsThreshold([], 'info'), false);
  const suppressed = [
    f({ checkId: 'TST-A-001', severity: 'critical', suppression: { reason: 'x', matchedBy: 'check' } }),
  ];
  assert.equal(exceedsThreshold(suppressed, 'low'), false);
  assert.equal(exceedsThreshold(suppressed, 'low', { includeSuppressed: true }), true);
  const unsure = [f({ checkId: 'TST-A-001', severity: 'critical', confidence: 'low' })];
  assert.equal(exceedsThreshold(unsure, 'high', { minConfidence: 'medium' }), false);
  assert.equal(exceedsThreshold(unsure, 'high'), true);
  assert.equal(parseThreshold(' HIGH '), 'high');
  assert.equal(parseThreshold('none'), 'none');
  assert.equal(parseThreshold('severe'), undefined);
});

test('fingerprints are stable across runs and ignore offsets that shift between builds', () => {
  const dexA: Evidence = {
    kind: 'dex',
    file: 'classes.dex',
    class: 'LA;',
    method: 'm()V',
    bytecodeOffset: 4,
  };
  const dexB: Evidence = {
    kind: 'dex',
    file: 'classes3.dex',
    class: 'LA;',
    method: 'm()V',
    bytecodeOffset: 90,
  };
  assert.equal(fingerprintOf('TST-CRY-001', 'md5', [dexA]), fingerprintOf('TST-CRY-001', 'md5', [dexB]));
  const m1: Evidence = {
    kind: 'manifest',
    file: 'AndroidManifest.xml',
    element: '/manifest/application',
    attribute: 'debuggable',
    byteOffset: 10,
  };
  const m2: Evidence = { ...m1, byteOffset: 999, value: 'true' };
  assert.equal(fingerprintOf('TST-RES-001', 'on', [m1]), fingerprintOf('TST-RES-001', 'on', [m2]));
  const h1: Evidence = { kind: 'http', request: { method: 'post', url: 'https://x.invalid/a?nonce=1' } };
  const h2: Evidence = { kind: 'http', request: { method: 'POST', url: 'https://x.invalid/a?nonce=2' } };
  assert.equal(primaryLocationKey([h1]), primaryLocationKey([h2]));
  // Pinned (computed independently with Python's hashlib over the documented key): changing the
  // algorithm silently would invalidate every stored baseline.
  assert.equal(fingerprintOf('TST-RES-001', 'on', [m1]), 'v1:e1521a2bf2ab1e9cd70fae30b50bd293');
  assert.match(fingerprintOf('TST-RES-001', 'on', [m1]), /^v1:[0-9a-f]{32}$/);
});

test('fingerprints differ by check, message id and location', () => {
  const e: Evidence = {
    kind: 'manifest',
    file: 'AndroidManifest.xml',
    element: '/manifest/application',
    attribute: 'a',
  };
  const base = fingerprintOf('TST-A-001', 'm', [e]);
  assert.notEqual(base, fingerprintOf('TST-A-002', 'm', [e]));
  assert.notEqual(base, fingerprintOf('TST-A-001', 'n', [e]));
  assert.notEqual(base, fingerprintOf('TST-A-001', 'm', [{ ...e, attribute: 'b' }]));
  assert.notEqual(
    base,
    fingerprintOf('TST-A-001', 'm', [{ ...e, element: '/manifest/application/activity[2]' }]),
  );
  assert.notEqual(base, fingerprintOf('TST-A-001', 'm', []));
  // the separator cannot be forged by a hostile value: 'a|b' + 'c' vs 'a' + 'b|c'
  const x = fingerprintOf('TST-A-001', 'm', [
    { kind: 'manifest', file: 'f', element: 'a|b', attribute: 'c' },
  ]);
  const y = fingerprintOf('TST-A-001', 'm', [
    { kind: 'manifest', file: 'f', element: 'a', attribute: 'b|c' },
  ]);
  assert.notEqual(x, y);
});

test('makeFinding copies its inputs and describeLocation names every kind', () => {
  const evidence: Evidence[] = [{ kind: 'text', text: 'x' }];
  const refs = { masvs: ['MASVS-CODE-4'], cwe: [20], figi: [] };
  const made = f({ checkId: 'TST-A-001', evidence, references: refs });
  evidence.push({ kind: 'text', text: 'y' });
  refs.masvs.push('MASVS-CODE-1');
  assert.equal(made.evidence.length, 1);
  assert.deepEqual(made.references.masvs, ['MASVS-CODE-4']);
  const all: Evidence[] = [
    { kind: 'manifest', file: 'AndroidManifest.xml', element: '/manifest', attribute: 'x' },
    { kind: 'dex', file: 'classes.dex', class: 'LA;', method: 'm', bytecodeOffset: 2 },
    { kind: 'file', file: 'lib/x.so', byteOffset: 3 },
    { kind: 'http', step: 1, request: { method: 'GET', url: 'https://x.invalid/' } },
    { kind: 'packet', hex: '00', field: 'SPI' },
    { kind: 'text', text: 't' },
  ];
  assert.deepEqual(all.map(describeLocation), [
    'AndroidManifest.xml /manifest@x',
    'classes.dex LA;->m +2',
    'lib/x.so @3',
    '#1 GET https://x.invalid/',
    'packet SPI',
    'note',
  ]);
});
