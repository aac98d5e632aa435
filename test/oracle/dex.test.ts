/**
 * Oracle: every DEX in the shared files (loose .dex and every classes*.dex of every APK) against
 * `dexdump -f -d`: header id counts, class/field/method counts, and per method the ordered list of
 * invoke targets (descriptor and method index). Identical DEX files are dumped once.
 */
import assert from 'node:assert/strict';
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
import { collectSharedDex, dexdump, mapLimit, type DexdumpResult, type SharedDex } from '../dex-helpers.js';
import { requireShared, requireTool } from '../helpers.js';

const PAYLOAD_NAMES: Record<string, string> = {
  'fill-array-data-payload': 'array-data',
  'packed-switch-payload': 'packed-switch-data',
  'sparse-switch-payload': 'sparse-switch-data',
};

/** Our view of a DEX, in the shape dexdump's is parsed into. */
function ours(
  dex: DexFile,
  ix: DexIndex,
  registers: boolean,
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
    const decoded = m.codeOff ? decodeMethod(dex, m.codeOff) : [];
    insns.set(
      key,
      decoded.map((i) =>
        registers
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

function compare(d: SharedDex, dd: DexdumpResult, registers: boolean): void {
  const dex = parseDex(d.bytes);
  const ix = analyzeDex(dex);
  const h = dex.header;
  const where = d.label;
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
  const mine = ours(dex, ix, registers);
  assert.deepEqual([...mine.invokes.keys()].sort(), [...dd.invokes.keys()].sort(), `${where}: method keys`);
  for (const [key, list] of dd.invokes) sameList(mine.invokes.get(key), list, `${where}: invokes of ${key}`);
  for (const [key, list] of dd.insns) sameList(mine.insns.get(key), list, `${where}: instructions of ${key}`);
  assert.deepEqual(ix.anomalies, [], `${where}: scan anomalies`);
}

/**
 * Registers of every instruction are compared for DEX files up to this size; for bigger ones (a few
 * MB of support libraries, ~100 MB of dexdump text each) offsets and names of every instruction
 * and the invoke targets, which keeps the test near a minute of CPU.
 */
const REGISTER_CHECK_MAX_SIZE = 1024 * 1024;
const registersFor = (d: SharedDex): boolean => d.bytes.length <= REGISTER_CHECK_MAX_SIZE;

test('every shared DEX agrees with dexdump -f -d', async (t) => {
  if (!requireShared(t) || !requireTool(t, 'dexdump') || !requireTool(t, 'unzip')) return;
  const all = await collectSharedDex();
  assert.ok(all.length > 500, `expected over 500 DEX files, found ${all.length}`);
  // Every DEX (duplicates included) parses and analyzes without an anomaly-free file turning into an error.
  for (const d of all) analyzeDex(parseDex(d.bytes));
  const unique = [...new Map(all.map((d) => [d.sha1, d])).values()];
  const dir = mkdtempSync(join(tmpdir(), 'dfslab-dex-'));
  try {
    const results = await mapLimit(unique, 2, async (d) => {
      const file = join(dir, `${d.sha1}.dex`);
      writeFileSync(file, d.bytes);
      const dd = await dexdump(file, { registers: registersFor(d) });
      rmSync(file);
      return { d, dd };
    });
    // Collect every disagreement so one run names them all.
    const failures: string[] = [];
    for (const { d, dd } of results) {
      try {
        assert.equal(dd.status, 0, `${d.label}: dexdump failed: ${dd.stderr.slice(0, 300)}`);
        compare(d, dd, registersFor(d));
      } catch (e) {
        failures.push(e instanceof Error ? e.message.slice(0, 2000) : String(e));
      }
    }
    t.diagnostic(`${all.length} DEX files, ${results.length} distinct compared with dexdump`);
    assert.deepEqual(failures, []);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
