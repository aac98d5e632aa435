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
import { registerStkCommands, stkAuditCommand, stkBuildCommand, stkDecodeCommand, stkVerifyPorCommand, type StkIo } from '../../src/cli/stk.js';
import { auditStk, buildCommandPacket, buildDeliverTpdus, loadStkInput, parseHex, toHex } from '../../src/stk/index.js';
import { SimCard, type CardPolicy } from './sim-card.js';

const DES = { kic: parseHex('0123456789abcdef'), kid: parseHex('fedcba9876543210') };
const AES = { kic: parseHex('200102030405060708090a0b0c0d0e0f'), kid: parseHex('201102030405060708090a0b0c0d0e0f') };
// S@T probe payload (SETUP CALL to +12345678900) as listed in the notes §3.4 (SIMtester data).
const SAT_PROBE = '42230121020744382E3130353105160604313035312D0C1003830607912143658709F02B00';
const SELECT = parseHex('00a40000023f00');

const WEAK: CardPolicy = {
  keys: DES,
  kic: 0x11,
  kid: 0x11,
  tars: {
    B00000: { minChecksum: 'none', counterCheck: false, verifyChecksum: true },
    B00010: { minChecksum: 'rc', counterCheck: false, verifyChecksum: true },
    B00011: { minChecksum: 'cc', counterCheck: false, verifyChecksum: false },
    '000000': { minChecksum: 'cc', counterCheck: true, verifyChecksum: true },
    '505348': { minChecksum: 'none', counterCheck: false, verifyChecksum: true },
  },
  signPorOnError: true,
  echoDecryptedOnError: true,
};

const STRONG: CardPolicy = {
  keys: AES,
  kic: 0x22,
  kid: 0x22,
  tars: {
    B00000: { minChecksum: 'cc', counterCheck: true, verifyChecksum: true },
    B00010: { minChecksum: 'cc', counterCheck: true, verifyChecksum: true },
    B00011: { minChecksum: 'cc', counterCheck: true, verifyChecksum: true },
    '000000': { minChecksum: 'cc', counterCheck: true, verifyChecksum: true },
  },
  signPorOnError: false,
  echoDecryptedOnError: false,
};

/** The tester's probes for a card whose keyset (octets and keys) the tester holds. */
function probes(card: CardPolicy): Uint8Array[] {
  const own = { kic: card.kic, kid: card.kid, keys: card.keys };
  const legit = (tar: string, cntr: number) => buildCommandPacket({ spi: [0x16, 0x19], ...own, tar, cntr, data: SELECT });
  const legitRam = legit('B00000', 1);
  return [
    legitRam,
    legitRam, // replay of the same packet
    legit('B00010', 1),
    buildCommandPacket({ spi: [0x00, 0x01], kic: 0, kid: 0, tar: 'B00000', data: SELECT }), // no security
    buildCommandPacket({ spi: [0x01, 0x01], kic: 0, kid: 0x05, tar: 'B00010', data: SELECT }), // RC (CRC32) only
    buildCommandPacket({ spi: [0x16, 0x09], ...own, tar: '000000', cntr: 5, data: SELECT, forceChecksum: new Uint8Array(8) }), // dummy CC, ciphered
    buildCommandPacket({ spi: [0x12, 0x09], ...own, tar: 'B00011', cntr: 9, data: SELECT, forceChecksum: new Uint8Array(8) }), // dummy CC
    buildCommandPacket({ spi: [0x00, 0x01], kic: 0, kid: 0, tar: '505348', data: parseHex(SAT_PROBE) }), // S@T, no security
    buildCommandPacket({ spi: [0x16, 0x19], ...own, tar: 'ABCDEF', cntr: 3, data: SELECT }), // unknown TAR
  ];
}

function transcript(card: CardPolicy, withKeys: boolean): string {
  const sim = new SimCard(card);
  const exchanges = probes(card).map((p, i) => {
    const tpdu = buildDeliverTpdus({ packet: p, ref: i })[0];
    const por = sim.receive(p);
    return { command: toHex(tpdu), response: por ? toHex(por) : null, note: `probe ${i + 1}` };
  });
  const keys = withKeys ? { kic: toHex(card.keys.kic), kid: toHex(card.keys.kid) } : undefined;
  return JSON.stringify({ format: 'dfslab-stk-capture', name: 'simulated card', ...(keys ? { keys } : {}), exchanges }, null, 2);
}

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
  assert.deepEqual(ids.get('STK-004')?.sort(), ['capture', 'capture', 'replayed'], 'counter not checked on RAM/RFM; replay accepted');
  assert.ok(ids.get('STK-005')?.includes('failed'), 'signed PoR to a failed command');
  assert.deepEqual(ids.get('STK-006'), ['mismatch'], 'dummy CC processed on B00011');
  // Both failed ciphered probes (bad CC on 000000, unknown TAR) had their deciphered CNTR echoed.
  assert.deepEqual(ids.get('STK-007'), ['confirmed', 'confirmed'], 'decrypted counter echoed');
  assert.deepEqual(ids.get('STK-008'), ['capture'], 'S@T reachable with no security');
});

test('weak card transcript without keys: the key-independent findings remain', () => {
  const ids = idsOf(transcript(WEAK, false));
  for (const id of ['STK-001', 'STK-002', 'STK-003', 'STK-004', 'STK-005', 'STK-006', 'STK-007', 'STK-008']) assert.ok(ids.has(id), id);
  assert.deepEqual(ids.get('STK-006'), ['dummy']);
  assert.deepEqual(ids.get('STK-007'), ['likely', 'likely']);
});

test('strong card transcript: no finding at all', () => {
  for (const withKeys of [true, false]) {
    const { report } = auditStk(loadStkInput(transcript(STRONG, withKeys), 'capture.json'));
    assert.deepEqual(report.findings.map((f) => `${f.checkId} ${f.message}`), []);
    assert.equal(report.errors.length, 0);
    assert.equal(report.target.kind, 'stk');
  }
});

test('the strong card really rejected the weak probes (so "no finding" is not vacuous)', () => {
  const ctx = loadStkInput(transcript(STRONG, true), 'c.json');
  assert.equal(ctx.source, 'capture');
  if (ctx.source !== 'capture') return;
  const statuses = ctx.capture.exchanges.map((x) => x.response?.statusName ?? 'none');
  assert.deepEqual(statuses, ['por-ok', 'cntr-low', 'por-ok', 'insufficient-security-level', 'insufficient-security-level', 'checksum-failed', 'checksum-failed', 'tar-unknown', 'tar-unknown']);
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
  assert.equal(await stkAuditCommand(weak, { format: 'html,sarif,json', out: join(dir, 'out'), failOn: 'high' }, c.io), 1);
  for (const ext of ['html', 'sarif', 'json']) assert.ok(existsSync(join(dir, 'out', `weak.dfslab.${ext}`)), ext);
  const sarif = JSON.parse(readFileSync(join(dir, 'out', 'weak.dfslab.sarif'), 'utf8')) as { runs: { results: { ruleId: string }[] }[] };
  assert.ok(sarif.runs[0].results.some((r) => r.ruleId === 'STK-008'));
  const json = JSON.parse(readFileSync(join(dir, 'out', 'weak.dfslab.json'), 'utf8')) as { target: { kind: string } };
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
  assert.equal(stkVerifyPorCommand('027100001612b000110000000000000055f47118381175fb01612f', { ...k3, command: cmd }, capture().io), 0);
  const bad = capture();
  assert.equal(stkVerifyPorCommand('027100001612b000110000000000000055f47118381175fb02612f', { ...k3, command: cmd }, bad.io), 1);
  assert.match(bad.text(), /MISMATCH/);
  const b = capture();
  assert.equal(stkBuildCommand(['00a40004023f00'], { spi: '0619', kicAlg: '35', kidAlg: '35', tar: 'B00011', ...sja5 }, b.io), 0);
  assert.equal(b.text().trim(), '00201506193535b00011ae733256918d050b87c94fbfe12e4dc402f262c41cf67f2f');
  const n = capture();
  assert.equal(stkBuildCommand(['00a40004023f00'], { spi: '0619', kicAlg: '3des-2key', kidAlg: '3des-2key', kicIndex: '3', kidIndex: '3', tar: 'B00011', ...sja5 }, n.io), 0);
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
