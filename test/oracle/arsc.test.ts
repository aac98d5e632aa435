/**
 * Oracle: our resources.arsc parser against `aapt dump resources` on every shared APK that has a
 * resources.arsc, and on the platform's framework-res.apk, with `--values`. Every type line, spec
 * line (name and flags), config header (qualifier string, type flags), entry line (name, Res_value
 * type and data, <bag>, PUBLIC), decoded value (strings, floats, dimensions, references) and bag
 * (parent, count, keys, item values) must be identical.
 */
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { test } from 'node:test';
import { parseArsc } from '../../src/android/arsc/index.js';
import { dumpLikeAapt, extractArsc, mapLimit, normalizeAaptDump, runAsync } from '../arsc-helpers.js';
import { requireShared, requireTool, sharedApks } from '../helpers.js';

const FRAMEWORK_RES = '/usr/share/android-framework-res/framework-res.apk';

/**
 * Files where aapt's dump cannot be the oracle, and why. For these we check what aapt does get
 * right (see the test body) and that we read the table anyway.
 */
const AAPT_DIVERGES: Record<string, string> = {
  // libziparchive refuses the whole archive (a NUL in an entry name): aapt prints "Package Groups (0)".
  'androguard/APK/apksig/v1-only-with-nul-in-entry-name.apk': 'aapt cannot open the zip',
  // FLAG_COMPACT entries (Android 14 format): aapt reads t/d right but cannot resolve their key names,
  // printing INVALID TYPE CONFIG / INVALID RESOURCE where we give com.erev0s:string/app_name.
  'androguard/AXML/compact-entry.apk': 'aapt cannot name compact entries',
};

type Outcome = {
  path: string;
  kind: 'no-arsc' | 'same' | 'diverges' | 'differs';
  detail: string;
  ms: number;
};

function firstDifference(ours: string[], theirs: string[]): string {
  const n = Math.max(ours.length, theirs.length);
  for (let i = 0; i < n; i++) {
    if (ours[i] !== theirs[i]) return `line ${i}:\n  ours:  ${ours[i]}\n  aapt:  ${theirs[i]}`;
  }
  return '';
}

test('resources.arsc of every shared APK matches aapt dump resources', async (t) => {
  if (!requireShared(t) || !requireTool(t, 'aapt')) return;
  const apks = sharedApks();
  const outcomes = await mapLimit(apks, 2, async (apk): Promise<Outcome> => {
    const bytes = await extractArsc(apk.abs);
    if (!bytes) return { path: apk.path, kind: 'no-arsc', detail: '', ms: 0 };
    const start = performance.now();
    const table = parseArsc(bytes);
    const ours = dumpLikeAapt(table, { values: true });
    const ms = performance.now() - start;
    const aapt = await runAsync('aapt', ['dump', '--values', 'resources', apk.abs]);
    const theirs = normalizeAaptDump(String(aapt.out));
    const diff = firstDifference(ours, theirs);
    if (AAPT_DIVERGES[apk.path]) return { path: apk.path, kind: 'diverges', detail: diff, ms };
    return { path: apk.path, kind: diff ? 'differs' : 'same', detail: diff, ms };
  });

  const differs = outcomes.filter((o) => o.kind === 'differs');
  assert.deepEqual(
    differs.map((o) => `${o.path}: ${o.detail}`),
    [],
    'every table aapt can read is printed identically',
  );
  const same = outcomes.filter((o) => o.kind === 'same');
  assert.ok(same.length > 400, `expected hundreds of comparable tables, got ${same.length}`);
  // The divergent cases must really be the ones named (and still diverge, or the list is stale).
  const diverging = outcomes.filter((o) => o.kind === 'diverges');
  assert.deepEqual(diverging.map((o) => o.path).sort(), Object.keys(AAPT_DIVERGES).sort());
  for (const o of diverging)
    assert.notEqual(o.detail, '', `${o.path} no longer diverges: drop it from AAPT_DIVERGES`);
  const slowest = [...outcomes].sort((a, b) => b.ms - a.ms)[0];
  t.diagnostic(
    `${same.length} identical, ${diverging.length} aapt-divergent, ${outcomes.filter((o) => o.kind === 'no-arsc').length} without resources.arsc; slowest parse+dump ${slowest.ms.toFixed(1)} ms (${slowest.path})`,
  );
});

test('compact-entry.apk: aapt agrees on the values of the compact entries it cannot name', async (t) => {
  if (!requireShared(t) || !requireTool(t, 'aapt')) return;
  const apk = sharedApks().find((a) => a.path === 'androguard/AXML/compact-entry.apk');
  assert.ok(apk);
  const bytes = await extractArsc(apk.abs);
  assert.ok(bytes);
  const ours = dumpLikeAapt(parseArsc(bytes));
  const theirs = normalizeAaptDump(String((await runAsync('aapt', ['dump', 'resources', apk.abs])).out));
  const values = (lines: string[]): string[] =>
    lines.filter((l) => / t=0x/.test(l)).map((l) => l.replace(/^.*(0x[0-9a-f]{8}).*(t=0x.*)$/, '$1 $2'));
  assert.ok(values(theirs).length > 0);
  assert.deepEqual(values(ours), values(theirs));
  assert.ok(ours.some((l) => l.includes('com.erev0s:string/app_name')));
});

test('framework-res.apk resources.arsc matches aapt dump resources', async (t) => {
  if (!requireTool(t, 'aapt')) return;
  if (!existsSync(FRAMEWORK_RES)) {
    t.skip(`${FRAMEWORK_RES} is missing (apt-get install android-framework-res)`);
    return;
  }
  const [bytes, aapt] = await Promise.all([
    extractArsc(FRAMEWORK_RES),
    runAsync('aapt', ['dump', '--values', 'resources', FRAMEWORK_RES]),
  ]);
  assert.ok(bytes);
  const start = performance.now();
  const table = parseArsc(bytes);
  const parseMs = performance.now() - start;
  const ours = dumpLikeAapt(table, { values: true });
  const theirs = normalizeAaptDump(String(aapt.out));
  assert.ok(theirs.length > 100_000, 'aapt printed the framework table');
  assert.equal(firstDifference(ours, theirs), '');
  assert.equal(ours.length, theirs.length);
  t.diagnostic(
    `framework-res resources.arsc: ${bytes.length} bytes parsed in ${parseMs.toFixed(1)} ms; ${ours.length} dump lines identical`,
  );
});
