/**
 * Oracle: our resources.arsc parser against `aapt dump resources` on every shared APK that has a
 * resources.arsc, and on the platform's framework-res.apk, with `--values`. Every type line, spec
 * line (name and flags), config header (qualifier string, type flags), entry line (name, Res_value
 * type and data, <bag>, PUBLIC), decoded value (strings, floats, dimensions, references) and bag
 * (parent, count, keys, item values) must be identical.
 */
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import {
  FIXTURE_QUALIFIERS,
  buildFixtureApk,
  dumpLikeAapt,
  extractArsc,
  mapLimit,
  normalizeAaptDump,
  runAsync,
} from '../arsc-helpers.js';
import { createResolver, entriesOf, findId, parseArsc } from '../../src/android/arsc/index.js';
import { requireShared, requireTool, sharedApks } from '../helpers.js';

const FRAMEWORK_RES = '/usr/share/android-framework-res/framework-res.apk';

/**
 * Files where aapt's dump cannot be the oracle, and why. For these we check what aapt does get
 * right (see the test body) and that we read the table anyway.
 */
const AAPT_DIVERGES: Record<string, string> = {
  // libziparchive refuses the whole archive (a NUL in an entry name): aapt prints "Package Groups (0)".
  'androguard/APK/apksig/v1-only-with-nul-in-entry-name.apk': 'aapt cannot open the zip',
  // FLAG_COMPACT entries (Android 14 format): aapt reads the entry's 16-bit key (0) as the entry size
  // ("ResTable_entry size 0x0 is too small"), so it cannot name them and prints INVALID TYPE CONFIG /
  // INVALID RESOURCE where we give com.erev0s:string/app_name; its t/d still match ours.
  'androguard/AXML/compact-entry.apk': 'aapt cannot name compact entries',
};

/**
 * The README's other aapt failures have no resources.arsc at all, so there is nothing to compare:
 * multidex.apk has no AndroidManifest.xml either, and AndroidManifest_ShortName.apk references
 * resources (@drawable 0x7f020003) of a table it does not ship.
 */
const NO_TABLE_AAPT_FAILURES = [
  'androguard/APK/multidex.apk',
  'androguard/APK/AndroidManifest_ShortName.apk',
];

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
  const noArsc = outcomes.filter((o) => o.kind === 'no-arsc').map((o) => o.path);
  for (const p of NO_TABLE_AAPT_FAILURES) assert.ok(noArsc.includes(p), `${p} has no resources.arsc`);
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

test('an aapt-built table with every qualifier and value kind matches, UTF-8 and UTF-16 pools', async (t) => {
  if (!requireTool(t, 'aapt')) return;
  if (!existsSync(FRAMEWORK_RES)) {
    t.skip(`${FRAMEWORK_RES} is missing (aapt package needs it as -I)`);
    return;
  }
  const dir = mkdtempSync(join(tmpdir(), 'dfslab-arsc-'));
  try {
    for (const utf16 of [false, true]) {
      const apk = await buildFixtureApk(dir, FRAMEWORK_RES, utf16);
      const bytes = await extractArsc(apk);
      assert.ok(bytes);
      const table = parseArsc(bytes);
      assert.equal(table.strings.utf8, !utf16);
      assert.deepEqual(table.anomalies, []);
      const aapt = await runAsync('aapt', ['dump', '--values', 'resources', apk]);
      const theirs = normalizeAaptDump(String(aapt.out));
      const ours = dumpLikeAapt(table, { values: true });
      assert.equal(firstDifference(ours, theirs), '');
      // Every qualifier we wrote shows up as a configuration of app_name (aapt may add -vN).
      const r = createResolver(table);
      const id = findId(table, 'string/app_name');
      assert.ok(id !== undefined);
      const configs = r.values(id).map((v) => v.config.replace(/-v\d+$/, ''));
      // A BCP 47 tag with only language and region prints in the legacy form.
      const printed = (q: string): string => (q === 'b+es+419' ? 'es-r419' : q.replace(/-v\d+$/, ''));
      for (const q of FIXTURE_QUALIFIERS) assert.ok(configs.includes(printed(q)), `config ${q}`);
      assert.deepEqual(r.resolve(findId(table, 'string/alias') ?? 0), {
        type: 'string',
        value: 'line1\nline2',
      });
      // Decoded values of what the XML says (aapt's own print of negative dimensions is wrong).
      const v = (name: string): unknown => r.resolve(findId(table, name) ?? 0);
      assert.deepEqual(v('string/app_name'), { type: 'string', value: 'Default é 中文 😀' });
      assert.deepEqual(v('dimen/neg'), { type: 'dimension', value: -16, raw: '-16.000000dp' });
      assert.deepEqual(v('dimen/sp'), { type: 'dimension', value: 1.5, raw: '1.500000sp' });
      assert.deepEqual(v('fraction/half'), { type: 'fraction', value: 0.5, raw: '50.000000%' });
      assert.deepEqual(v('fraction/halfp'), { type: 'fraction', value: 0.25, raw: '25.000000%p' });
      assert.deepEqual(v('dimen/big_float'), { type: 'float', value: 1234567 });
      assert.deepEqual(v('integer/i'), { type: 'int', value: -5 });
      assert.deepEqual(v('bool/b'), { type: 'boolean', value: true });
      assert.deepEqual(v('color/c'), { type: 'color', value: 0x80ff0000, raw: '#80ff0000' });
      assert.deepEqual(v('color/c4'), { type: 'color', value: 0xffff0000, raw: '#ffff0000' });
      // aapt splits the style: fontFamily needs API 16, so a v16 copy holds both items.
      const theme = entriesOf(table, findId(table, 'style/Theme') ?? 0);
      assert.deepEqual(
        theme.map((e) => [e.chunk.configName, e.bag?.parent, e.bag?.items.length]),
        [
          ['', findId(table, 'style/Base'), 1],
          ['v16', findId(table, 'style/Base'), 2],
        ],
      );
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
