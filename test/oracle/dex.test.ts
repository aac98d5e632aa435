/**
 * Oracle: every DEX in the shared files (loose .dex and every classes*.dex of every APK) against
 * `dexdump -f -d`: header id counts, class/field/method counts, and per method the ordered list of
 * invoke targets (descriptor and method index). Identical DEX files are dumped once.
 */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import {
  analyzeDex,
  decodeMethod,
  invokesOf,
  methodDescriptor,
  parseDex,
  type DexFile,
  type DexIndex,
} from '../../src/android/dex/index.js';
import {
  collectSharedDex,
  dexdump,
  mapLimit,
  type DexdumpMode,
  type DexdumpResult,
  type SharedDex,
} from '../dex-helpers.js';
import { hasTool, IN_CI, requireShared, requireTool } from '../helpers.js';
import { assembleSmali } from '../../src/android/dex/testing/smali.js';

const PAYLOAD_NAMES: Record<string, string> = {
  'fill-array-data-payload': 'array-data',
  'packed-switch-payload': 'packed-switch-data',
  'sparse-switch-payload': 'sparse-switch-data',
};

/** Our view of a DEX, in the shape dexdump's is parsed into. */
function ours(
  dex: DexFile,
  ix: DexIndex,
  mode: DexdumpMode,
): { invokes: Map<string, string[]>; insns: Map<string, string[]> } {
  const invokes = new Map<string, string[]>();
  const insns = new Map<string, string[]>();
  dex.methods.forEach((m, mi) => {
    let key = methodDescriptor(dex, m.methodIdx);
    for (let n = 2; invokes.has(key); n++) key = `${key.replace(/#\d+$/, '')}#${n}`;
    invokes.set(
      key,
      invokesOf(ix, mi).map((i) => `${methodDescriptor(dex, i.methodIdx, 'dexdump')}@${i.methodIdx}`),
    );
    if (mode.lines === 'invokes') return;
    const decoded = m.codeOff ? decodeMethod(dex, m.codeOff) : [];
    insns.set(
      key,
      decoded.map((i) =>
        mode.registers
          ? `${i.offset}:${PAYLOAD_NAMES[i.name] ?? i.name}:${i.registers.join(',')}`
          : `${i.offset.toString(16).padStart(4, '0')}: ${PAYLOAD_NAMES[i.name] ?? i.name}`,
      ),
    );
  });
  return { invokes, insns };
}

/** Lists compared as joined text first (fast); deepEqual only to explain a difference. */
function sameList(a: string[] | undefined, b: string[], message: string): void {
  if (a && a.join('\n') === b.join('\n')) return;
  assert.deepEqual(a, b, message);
}

function compare(d: SharedDex, dd: DexdumpResult, mode: DexdumpMode): void {
  const dex = parseDex(d.bytes);
  const ix = analyzeDex(dex);
  const h = dex.header;
  const where = d.label;
  assert.deepEqual(dex.anomalies, [], `${where}: parse anomalies`);
  assert.deepEqual(
    [
      h.fileSize,
      h.stringIdsSize,
      h.typeIdsSize,
      h.protoIdsSize,
      h.fieldIdsSize,
      h.methodIdsSize,
      h.classDefsSize,
      h.dataSize,
    ],
    [
      'file_size',
      'string_ids_size',
      'type_ids_size',
      'proto_ids_size',
      'field_ids_size',
      'method_ids_size',
      'class_defs_size',
      'data_size',
    ].map((k) => dd.header[k]),
    `${where}: header counts`,
  );
  assert.equal(dex.classDefs.length, dd.classes, `${where}: classes`);
  const fields = dex.classDefs.reduce((n, c) => n + c.staticFields.length + c.instanceFields.length, 0);
  assert.equal(fields, dd.fields, `${where}: fields`);
  assert.equal(dex.methods.length, dd.methods, `${where}: methods`);
  const mine = ours(dex, ix, mode);
  assert.deepEqual([...mine.invokes.keys()].sort(), [...dd.invokes.keys()].sort(), `${where}: method keys`);
  for (const [key, list] of dd.invokes) sameList(mine.invokes.get(key), list, `${where}: invokes of ${key}`);
  if (mode.lines === 'all') {
    assert.equal(mine.insns.size, dd.insns.size, `${where}: instruction lists`);
    for (const [key, list] of dd.insns)
      sameList(mine.insns.get(key), list, `${where}: instructions of ${key}`);
  }
  assert.deepEqual(ix.anomalies, [], `${where}: scan anomalies`);
}

/**
 * dexdump prints ~16 bytes of text per DEX byte and the shared files hold 160 MB of distinct DEX,
 * so not everything can go through node in a couple of minutes. Every instruction (offset, name and
 * registers) is compared for the loose .dex files, every DEX up to 256 KB and the DFS-like apps
 * (dvba, InsecureBankv2 release, Ostorlab: 11 MB of real app and library code); for the other DEX
 * files (DroidBench and androguard apps carrying the same support libraries) the header, the
 * class/member counts and the invoke targets of every method.
 */
const FULL_CHECK_MAX_SIZE = 256 * 1024;
const FULL_CHECK_APPS = ['dvba/', 'insecurebankv2/InsecureBankv2-release.apk', 'ostorlab/'];
const modeFor = (d: SharedDex): DexdumpMode => {
  const full =
    !d.label.includes('!') ||
    d.bytes.length <= FULL_CHECK_MAX_SIZE ||
    FULL_CHECK_APPS.some((a) => d.label.startsWith(a));
  return { lines: full ? 'all' : 'invokes', registers: true };
};

test('every shared DEX agrees with dexdump -f -d', async (t) => {
  if (!requireShared(t) || !requireTool(t, 'dexdump') || !requireTool(t, 'unzip')) return;
  const all = await collectSharedDex();
  assert.ok(all.length > 500, `expected over 500 DEX files, found ${all.length}`);
  // The smali test sources cover every format, invoke-polymorphic/custom and the payloads.
  if (hasTool('smali') || IN_CI) {
    for (const name of ['all', 'caller']) {
      const bytes = assembleSmali(name);
      all.push({ label: `smali:${name}`, bytes, sha1: createHash('sha1').update(bytes).digest('hex') });
    }
  }
  // Every DEX (duplicates included) parses and analyzes without an anomaly-free file turning into an error.
  for (const d of all) analyzeDex(parseDex(d.bytes));
  const unique = [...new Map(all.map((d) => [d.sha1, d])).values()];
  const dir = mkdtempSync(join(tmpdir(), 'dfslab-dex-'));
  try {
    const results = await mapLimit(unique, 2, async (d) => {
      const file = join(dir, `${d.sha1}.dex`);
      writeFileSync(file, d.bytes);
      const dd = await dexdump(file, modeFor(d));
      rmSync(file);
      return { d, dd };
    });
    // Collect every disagreement so one run names them all.
    const failures: string[] = [];
    let invokes = 0;
    let instructions = 0;
    for (const { d, dd } of results) {
      for (const list of dd.invokes.values()) invokes += list.length;
      for (const list of dd.insns.values()) instructions += list.length;
      try {
        assert.equal(dd.status, 0, `${d.label}: dexdump failed: ${dd.stderr.slice(0, 300)}`);
        compare(d, dd, modeFor(d));
      } catch (e) {
        failures.push(e instanceof Error ? e.message.slice(0, 2000) : String(e));
      }
    }
    t.diagnostic(
      `${all.length} DEX files, ${results.length} distinct compared with dexdump: ${invokes} invokes, ${instructions} instructions`,
    );
    // The parse of dexdump's text found what it looks for (a broken pattern would compare nothing).
    assert.ok(
      invokes > 100_000 && instructions > 500_000,
      `only ${invokes} invokes and ${instructions} instructions parsed`,
    );
    assert.deepEqual(failures, []);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
