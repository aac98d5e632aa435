import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Check, CheckMeta } from './check.js';
import {
  CheckDefinitionError,
  buildFinding,
  checkDefiner,
  checkMeta,
  defineCheck,
  formatMessage,
  runChecks,
  runChecksSync,
} from './check.js';
import { FormatError } from './errors.js';

// SYNTHETIC TEST DATA: invented checks over an invented context.
type Ctx = { flags: Record<string, boolean> };

function check(id: string, run: Check<Ctx>['run'], over: Partial<CheckMeta> = {}): Check<Ctx> {
  return defineCheck<Ctx>({
    id,
    name: 'synthetic-check',
    title: `Synthetic ${id}`,
    severity: 'medium',
    confidence: 'high',
    refs: { masvs: ['MASVS-PLATFORM-1'], cwe: [926], figi: ['FIGI-APP-T1.4'] },
    messages: { found: 'Flag {flag} is {state}.', plain: 'Plain message.' },
    remediation: 'Turn it off.',
    run,
    ...over,
  });
}

const flagCheck = check('TST-FLG-001', (ctx, report) => {
  for (const [flag, on] of Object.entries(ctx.flags)) {
    if (on) {
      report({
        messageId: 'found',
        data: { flag, state: 'on' },
        evidence: {
          kind: 'manifest',
          file: 'AndroidManifest.xml',
          element: '/manifest/application',
          attribute: flag,
        },
      });
    }
  }
});

test('defineCheck validates metadata', () => {
  assert.throws(() => check('bad id', () => undefined), CheckDefinitionError);
  assert.throws(() => check('TST-X-001', () => undefined, { name: 'Not Kebab' }), CheckDefinitionError);
  assert.throws(
    () => check('TST-X-001', () => undefined, { refs: { masvs: ['MASVS-NET-1'], cwe: [], figi: [] } }),
    /bad MASVS id/,
  );
  assert.throws(
    () => check('TST-X-001', () => undefined, { refs: { masvs: [], cwe: [0], figi: [] } }),
    /bad CWE/,
  );
  assert.throws(() => check('TST-X-001', () => undefined, { messages: {} }), /messages is empty/);
  assert.throws(() => check('TST-X-001', () => undefined, { remediation: ' ' }), /remediation/);
});

test('report() builds a complete finding from metadata + data', () => {
  const f = buildFinding(flagCheck, {
    messageId: 'found',
    data: { flag: 'debuggable', state: 'on' },
    evidence: { kind: 'text', text: 'x' },
  });
  assert.equal(f.checkId, 'TST-FLG-001');
  assert.equal(f.rule, 'synthetic-check');
  assert.equal(f.title, 'Synthetic TST-FLG-001');
  assert.equal(f.message, 'Flag debuggable is on.');
  assert.equal(f.severity, 'medium');
  assert.equal(f.confidence, 'high');
  assert.deepEqual(f.references, { masvs: ['MASVS-PLATFORM-1'], cwe: [926], figi: ['FIGI-APP-T1.4'] });
  assert.deepEqual(f.evidence, [{ kind: 'text', text: 'x' }]);
  assert.equal(f.remediation, 'Turn it off.');
  assert.match(f.fingerprint, /^v1:/);
  const o = buildFinding(flagCheck, {
    messageId: 'plain',
    evidence: [],
    severity: 'critical',
    confidence: 'low',
    tags: ['t'],
  });
  assert.equal(o.severity, 'critical');
  assert.equal(o.confidence, 'low');
  assert.deepEqual(o.tags, ['t']);
  assert.throws(
    () => buildFinding(flagCheck, { messageId: 'nope', evidence: [] }),
    /unknown messageId 'nope'/,
  );
});

test('formatMessage fills known placeholders and leaves unknown ones', () => {
  assert.equal(formatMessage('{a} and {b} and {a}', { a: 1 }), '1 and {b} and 1');
  assert.equal(formatMessage('no data {x}'), 'no data {x}');
  // data values are inserted literally, never re-expanded
  assert.equal(formatMessage('{a}', { a: '{b}', b: 'x' }), '{b}');
  // inherited properties are not data
  assert.equal(formatMessage('{toString}', {}), '{toString}');
});

test('runChecksSync: a throwing check becomes an engine error, others still run', () => {
  const boom = check('TST-BOOM-001', (_c, report) => {
    report({ messageId: 'plain', evidence: { kind: 'text', text: 'before the crash' } });
    throw new FormatError('axml', 12, 'synthetic bad chunk');
  });
  const typeErr = check('TST-BOOM-002', () => {
    (undefined as unknown as { x: () => void }).x();
  });
  const misuse = check('TST-BOOM-003', (_c, report) => report({ messageId: 'typo', evidence: [] }));
  const r = runChecksSync([boom, flagCheck, typeErr, misuse], {
    flags: { debuggable: true, allowBackup: true },
  });
  assert.equal(r.findings.length, 3); // 2 from flagCheck + 1 reported before the crash
  assert.deepEqual(
    r.errors.map((e) => [e.checkId, e.kind, e.errorName]),
    [
      ['TST-BOOM-001', 'exception', 'FormatError'],
      ['TST-BOOM-002', 'exception', 'TypeError'],
      ['TST-BOOM-003', 'definition', 'CheckDefinitionError'],
    ],
  );
  assert.deepEqual(
    r.timings.map((t) => [t.checkId, t.status, t.findings]),
    [
      ['TST-BOOM-001', 'error', 1],
      ['TST-FLG-001', 'ok', 2],
      ['TST-BOOM-002', 'error', 0],
      ['TST-BOOM-003', 'error', 0],
    ],
  );
  assert.equal(r.rules.length, 4);
  assert.ok(!('run' in r.rules[0]));
});

test('timings use the injected clock; needs/only/skip/duplicates are skipped with a reason', () => {
  let t = 0;
  const needsDex = check('TST-DEX-001', () => undefined, { needs: ['dex'] });
  const dup = check('TST-FLG-001', () => assert.fail('duplicate must not run'));
  const r = runChecksSync(
    [flagCheck, needsDex, dup],
    { flags: {} },
    { available: ['manifest'], now: () => (t += 5) },
  );
  assert.deepEqual(
    r.timings.map((x) => [x.checkId, x.status, x.ms, x.reason]),
    [
      ['TST-FLG-001', 'ok', 5, undefined],
      ['TST-DEX-001', 'skipped', 0, 'needs dex (not available)'],
      ['TST-FLG-001', 'skipped', 0, 'duplicate check id'],
    ],
  );
  assert.deepEqual(
    r.rules.map((x) => x.id),
    ['TST-FLG-001'],
  );
  const only = runChecksSync(
    [flagCheck, needsDex],
    { flags: {} },
    { only: ['TST-DEX-001'], skip: ['TST-DEX-001'] },
  );
  assert.deepEqual(
    only.timings.map((x) => x.reason),
    ['not selected', 'skipped by option'],
  );
});

test('maxFindingsPerCheck caps findings and records a limit error', () => {
  const many = check('TST-MANY-001', (_c, report) => {
    for (let i = 0; i < 50; i++) report({ messageId: 'plain', evidence: { kind: 'text', text: String(i) } });
  });
  const r = runChecksSync([many], { flags: {} }, { maxFindingsPerCheck: 10 });
  assert.equal(r.findings.length, 10);
  assert.equal(r.errors[0].kind, 'limit');
  assert.match(r.errors[0].message, /40 more findings/);
});

test('runChecksSync refuses async checks without an unhandled rejection', () => {
  const asyncCheck = check('TST-ASYNC-001', async () => {
    throw new Error('rejected later');
  });
  const r = runChecksSync([asyncCheck], { flags: {} });
  assert.equal(r.errors[0].kind, 'definition');
  assert.match(r.errors[0].message, /async/);
});

test('runChecks: async checks, rejections and timeouts are isolated', async () => {
  const slow = check('TST-SLOW-001', () => new Promise<void>(() => undefined)); // never settles
  const rejects = check('TST-REJ-001', async () => {
    await Promise.resolve();
    throw new RangeError('synthetic async failure');
  });
  const ok = check('TST-OK-001', async (_c, report) => {
    await new Promise((r) => setTimeout(r, 1));
    report({
      messageId: 'plain',
      evidence: { kind: 'http', step: 1, request: { method: 'GET', url: 'https://x.invalid/' } },
    });
  });
  const r = await runChecks([slow, rejects, ok, flagCheck], { flags: { a: true } }, { timeoutMs: 50 });
  assert.deepEqual(
    r.errors.map((e) => [e.checkId, e.kind]),
    [
      ['TST-SLOW-001', 'timeout'],
      ['TST-REJ-001', 'exception'],
    ],
  );
  assert.deepEqual(r.findings.map((f) => f.checkId).sort(), ['TST-FLG-001', 'TST-OK-001']);
  assert.equal(r.timings.find((t) => t.checkId === 'TST-SLOW-001')?.status, 'error');
});

test('findings come back sorted worst first and fingerprints are identical across runs', () => {
  const mixed = check('TST-MIX-001', (_c, report) => {
    report({ messageId: 'plain', severity: 'low', evidence: { kind: 'text', text: 'l' } });
    report({ messageId: 'plain', severity: 'critical', evidence: { kind: 'text', text: 'c' } });
  });
  const ctx = { flags: { z: true } };
  const a = runChecksSync([flagCheck, mixed], ctx);
  const b = runChecksSync([mixed, flagCheck], ctx);
  assert.deepEqual(
    a.findings.map((f) => f.severity),
    ['critical', 'medium', 'low'],
  );
  assert.deepEqual(
    a.findings.map((f) => f.fingerprint),
    b.findings.map((f) => f.fingerprint),
  );
  assert.equal(new Set(a.findings.map((f) => f.fingerprint)).size, 3);
});

test('checkMeta drops run and copies arrays', () => {
  const m = checkMeta(flagCheck);
  assert.equal('run' in m, false);
  m.refs.masvs.push('MASVS-CODE-1');
  assert.deepEqual(flagCheck.refs.masvs, ['MASVS-PLATFORM-1']);
});

test('checkDefiner infers the context type for destructuring run()', () => {
  const defineFlagCheck = checkDefiner<Ctx>();
  const c = defineFlagCheck({
    id: 'TST-DEF-001',
    name: 'synthetic-definer',
    title: 'Synthetic definer',
    severity: 'low',
    confidence: 'low',
    refs: { masvs: [], cwe: [], figi: [] },
    messages: { n: '{count} flags' },
    remediation: 'n/a',
    run({ flags }, report) {
      report({ messageId: 'n', data: { count: Object.keys(flags).length }, evidence: [] });
    },
  });
  const r = runChecksSync([c], { flags: { a: true, b: false } });
  assert.equal(r.findings[0].message, '2 flags');
});
