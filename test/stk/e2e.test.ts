/**
 * End to end: a tester's probe set sent to a simulated weak card and a simulated strong card; the
 * audit of each transcript finds every planted weakness on the weak card and nothing on the strong
 * one. The CLI `stk audit` runs on the same transcript file.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { Command } from 'commander';
import {
  registerStkCommands,
  stkAuditCommand,
  stkBuildCommand,
  stkDecodeCommand,
  stkVerifyPorCommand,
  type StkIo,
} from '../../src/cli/stk.js';
import { auditStk, loadStkInput } from '../../src/stk/index.js';
import { STRONG, WEAK, transcript } from './transcripts.js';

function idsOf(text: string): Map<string, string[]> {
  const { report } = auditStk(loadStkInput(text, 'capture.json'));
  const m = new Map<string, string[]>();
  for (const f of report.findings) m.set(f.checkId, [...(m.get(f.checkId) ?? []), f.messageId]);
  return m;
}

test('weak card transcript (keys known): every planted weakness is found', () => {
  const ids = idsOf(transcript(WEAK, true));
  assert.deepEqual(ids.get('STK-001'), ['capture'], 'no security on RAM B00000');
  assert.deepEqual(ids.get('STK-002'), ['capture'], 'RC only on RFM B00010');
  assert.ok(ids.get('STK-003')?.length, 'single DES keyset accepted');
  // RAM B00000 (no security) and RFM B00010 (RC only) processed SPIs without counter checking.
  assert.deepEqual(
    ids.get('STK-004')?.sort(),
    ['capture', 'capture', 'replayed'],
    'counter not checked on RAM/RFM; replay accepted',
  );
  assert.ok(ids.get('STK-005')?.includes('failed'), 'signed PoR to a failed command');
  assert.deepEqual(ids.get('STK-006'), ['mismatch'], 'dummy CC processed on B00011');
  // Both failed ciphered probes (bad CC on 000000, unknown TAR) had their deciphered CNTR echoed.
  assert.deepEqual(ids.get('STK-007'), ['confirmed', 'confirmed'], 'decrypted counter echoed');
  assert.deepEqual(ids.get('STK-008'), ['capture'], 'S@T reachable with no security');
});

test('weak card transcript without keys: the key-independent findings remain', () => {
  const ids = idsOf(transcript(WEAK, false));
  for (const id of ['STK-001', 'STK-002', 'STK-003', 'STK-004', 'STK-005', 'STK-006', 'STK-007', 'STK-008'])
    assert.ok(ids.has(id), id);
  assert.deepEqual(ids.get('STK-006'), ['dummy']);
  assert.deepEqual(ids.get('STK-007'), ['likely', 'likely']);
});

test('strong card transcript: no finding at all', () => {
  for (const withKeys of [true, false]) {
    const { report } = auditStk(loadStkInput(transcript(STRONG, withKeys), 'capture.json'));
    assert.deepEqual(
      report.findings.map((f) => `${f.checkId} ${f.message}`),
      [],
    );
    assert.equal(report.errors.length, 0);
    assert.equal(report.target.kind, 'stk');
  }
});

test('the strong card really rejected the weak probes (so "no finding" is not vacuous)', () => {
  const ctx = loadStkInput(transcript(STRONG, true), 'c.json');
  assert.equal(ctx.source, 'capture');
  if (ctx.source !== 'capture') return;
  const statuses = ctx.capture.exchanges.map((x) => x.response?.statusName ?? 'none');
  assert.deepEqual(statuses, [
    'por-ok',
    'cntr-low',
    'por-ok',
    'insufficient-security-level',
    'insufficient-security-level',
    'checksum-failed',
    'checksum-failed',
    'tar-unknown',
    'tar-unknown',
  ]);
  assert.equal(ctx.capture.exchanges[0].response?.verification?.status, 'ok');
});

function capture(): { io: StkIo; text: () => string } {
  let s = '';
  return { io: { out: (x) => (s += x), err: (x) => (s += x) }, text: () => s };
}

test('CLI: stk audit on the weak transcript writes json/sarif/html and --fail-on high exits 1; strong exits 0', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'dfslab-stk-'));
  const weak = join(dir, 'weak.json');
  const strong = join(dir, 'strong.json');
  writeFileSync(weak, transcript(WEAK, true));
  writeFileSync(strong, transcript(STRONG, true));
  const c = capture();
  assert.equal(
    await stkAuditCommand(weak, { format: 'html,sarif,json', out: join(dir, 'out'), failOn: 'high' }, c.io),
    1,
  );
  for (const ext of ['html', 'sarif', 'json'])
    assert.ok(existsSync(join(dir, 'out', `weak.dfslab.${ext}`)), ext);
  const sarif = JSON.parse(readFileSync(join(dir, 'out', 'weak.dfslab.sarif'), 'utf8')) as {
    runs: { results: { ruleId: string }[] }[];
  };
  assert.ok(sarif.runs[0].results.some((r) => r.ruleId === 'STK-008'));
  const json = JSON.parse(readFileSync(join(dir, 'out', 'weak.dfslab.json'), 'utf8')) as {
    target: { kind: string };
  };
  assert.equal(json.target.kind, 'stk');
  assert.match(c.text(), /STK-006/);
  assert.equal(await stkAuditCommand(strong, { failOn: 'low' }, capture().io), 0);
  // Through commander, as the lead will wire it.
  const program = new Command('dfslab').exitOverride();
  const c2 = capture();
  registerStkCommands(program, c2.io);
  await program.parseAsync(['node', 'dfslab', 'stk', 'audit', weak, '--format', 'json']);
  assert.equal((JSON.parse(c2.text()) as { findings: unknown[] }).findings.length > 0, true);
  process.exitCode = 0;
});

test('CLI: decode with keys verifies; verify-por flags a bad CC (exit 1); build reproduces a pySim vector', () => {
  const sja5 = { kic: '300102030405060708090a0b0c0d0e0f', kid: '301102030405060708090a0b0c0d0e0f' };
  const cmd = '00201506093535b00011c49ac91ab8159ba5b83a54fb6385e0a5e31694f8b215fafc';
  const c = capture();
  assert.equal(stkDecodeCommand([cmd], sja5, c.io), 0);
  assert.match(c.text(), /CC \(3des-2key\) OK/);
  assert.match(c.text(), /USIM RFM/);
  const k3 = { kic: 'C21DD66ACAC13CB3BC8B331B24AFB57B', kid: '12110C78E678C25408233076AA033615' };
  assert.equal(
    stkVerifyPorCommand(
      '027100001612b000110000000000000055f47118381175fb01612f',
      { ...k3, command: cmd },
      capture().io,
    ),
    0,
  );
  const bad = capture();
  assert.equal(
    stkVerifyPorCommand(
      '027100001612b000110000000000000055f47118381175fb02612f',
      { ...k3, command: cmd },
      bad.io,
    ),
    1,
  );
  assert.match(bad.text(), /MISMATCH/);
  const b = capture();
  assert.equal(
    stkBuildCommand(
      ['00a40004023f00'],
      { spi: '0619', kicAlg: '35', kidAlg: '35', tar: 'B00011', ...sja5 },
      b.io,
    ),
    0,
  );
  assert.equal(b.text().trim(), '00201506193535b00011ae733256918d050b87c94fbfe12e4dc402f262c41cf67f2f');
  const n = capture();
  assert.equal(
    stkBuildCommand(
      ['00a40004023f00'],
      {
        spi: '0619',
        kicAlg: '3des-2key',
        kidAlg: '3des-2key',
        kicIndex: '3',
        kidIndex: '3',
        tar: 'B00011',
        ...sja5,
      },
      n.io,
    ),
    0,
  );
  assert.equal(n.text().trim(), b.text().trim());
});

test('CLI: bad input is a typed error (one line via describeError), never a crash', async () => {
  const { describeError } = await import('../../src/cli/exit.js');
  const cases: (() => unknown)[] = [
    () => stkDecodeCommand(['zz'], {}, capture().io),
    () => stkDecodeCommand(['0020'], {}, capture().io),
    () => stkBuildCommand(['00a4'], { spi: '06', tar: 'B00011' }, capture().io),
    () => stkBuildCommand(['00a4'], { spi: '0619', kicAlg: '35', kidAlg: '35', tar: 'B00011' }, capture().io),
    () => stkVerifyPorCommand('027100000e0ab0001100000000000000016132', {}, capture().io),
  ];
  for (const f of cases) {
    let err: unknown;
    try {
      f();
    } catch (e) {
      err = e;
    }
    const d = describeError(err);
    assert.ok(d.code === 2 || d.code === 3, d.line);
    assert.doesNotMatch(d.line, /internal error/);
  }
  const dir = mkdtempSync(join(tmpdir(), 'dfslab-stk-'));
  const p = join(dir, 'bad.json');
  writeFileSync(p, '{"exchanges": 5}');
  await assert.rejects(stkAuditCommand(p, {}, capture().io), { name: 'FormatError' });
  await assert.rejects(stkAuditCommand(join(dir, 'missing.json'), {}, capture().io), { code: 'ENOENT' });
});
