/**
 * Oracle: dfslab's AXML parser and manifest model against `aapt dump xmltree` and
 * `aapt dump badging`, over every shared APK and every androguard AXML file.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { ATTR, parseAxml, POST_API29_ATTRS } from '../../src/android/axml/index.js';
import type { FrameworkAttrName } from '../../src/android/axml/index.js';
import type { AxmlDocument } from '../../src/android/axml/index.js';
import { isDfslabError } from '../../src/core/errors.js';
import { parseManifest, parseNetworkSecurityConfig, valueOf } from '../../src/android/manifest/index.js';
import type { Manifest } from '../../src/android/manifest/index.js';
import { hasTool, requireShared, requireTool, runTool, SHARED_APKS, sharedApks } from '../helpers.js';
import { mapLimit, parseAaptTree, readZipEntry, recordsFromDoc, runAsync } from '../manifest-helpers.js';
import { checkLocations } from '../../src/android/manifest/testing/locations.js';

/** aapt prints C strings: a value stops at its first NUL. */
const cstr = (s: string) => (s.includes('\0') ? s.slice(0, s.indexOf('\0')) : s);

const HAVE = hasTool('aapt') && hasTool('zip');
const AXML_DIR = join(SHARED_APKS, 'androguard', 'AXML');
const FRAMEWORK_RES = '/usr/share/android-framework-res/framework-res.apk';

/** Files where aapt gives no usable tree, with the reason; dfslab must still parse them. */
const AAPT_FAILS: Record<string, string> = {
  'androguard/AXML/AndroidManifestWrongFilesize.xml':
    'XML chunk size 0x42424242 exceeds the file: aapt refuses, dfslab clamps (bad-file-size)',
  'androguard/AXML/AndroidManifest_StringNotTerminated.xml':
    'strings without NUL terminators: aapt crashes (SIGSEGV)',
};

type Case = {
  path: string; // relative to SHARED_APKS
  apk: string; // what aapt reads
  manifest?: Buffer;
  doc?: AxmlDocument;
  manifestModel?: Manifest;
  parseError?: string;
  tree?: { status: number; out: string };
  treeErr?: string;
  badging?: { status: number; out: string };
};

async function collect(): Promise<Case[]> {
  const tmp = mkdtempSync(join(tmpdir(), 'dfslab-manifest-'));
  after(() => rmSync(tmp, { recursive: true, force: true }));
  const cases: Case[] = sharedApks().map((f) => ({ path: f.path, apk: f.abs }));
  for (const name of readdirSync(AXML_DIR).sort()) {
    const abs = join(AXML_DIR, name);
    if (name.endsWith('.apk')) {
      if (!cases.some((c) => c.apk === abs)) cases.push({ path: `androguard/AXML/${name}`, apk: abs });
      continue;
    }
    const dir = join(tmp, name.replace(/\W/g, '_'));
    mkdirSync(dir);
    writeFileSync(join(dir, 'AndroidManifest.xml'), readFileSync(abs));
    const apk = `${dir}.apk`;
    runTool('zip', ['-q', '-j', apk, join(dir, 'AndroidManifest.xml')]);
    cases.push({ path: `androguard/AXML/${name}`, apk });
  }
  for (const c of cases) {
    const zip = readFileSync(c.apk);
    c.manifest = readZipEntry(zip, 'AndroidManifest.xml');
    if (!c.manifest) continue;
    try {
      c.doc = parseAxml(c.manifest);
      c.manifestModel = parseManifest(c.doc);
    } catch (e) {
      if (!isDfslabError(e)) throw e;
      c.parseError = e.message;
    }
  }
  await mapLimit(cases, 2, async (c) => {
    const t = await runAsync('aapt', ['dump', 'xmltree', c.apk, 'AndroidManifest.xml']);
    c.tree = { status: t.status, out: t.out };
    c.treeErr = t.err;
    const b = await runAsync('aapt', ['dump', 'badging', c.apk]);
    c.badging = { status: b.status, out: b.out };
  });
  return cases;
}

const cases = HAVE ? await collect() : [];
let compared = 0;
let fullBadging = 0;

describe('manifest oracle: aapt dump xmltree', () => {
  it('has the tools and the shared corpus', (t) => {
    if (!requireShared(t) || !requireTool(t, 'aapt') || !requireTool(t, 'zip')) return;
    assert.ok(cases.length > 500, `only ${cases.length} files`);
  });
  for (const c of cases) {
    it(c.path, () => {
      const tree = c.tree!;
      const aaptOk = tree.status === 0 && /E: /.test(tree.out);
      const known = AAPT_FAILS[c.path];
      if (known) {
        assert.ok(!aaptOk, `aapt now reads ${c.path}; remove it from AAPT_FAILS`);
        assert.ok(c.doc, `dfslab must parse ${c.path} (${known}): ${c.parseError}`);
        return;
      }
      if (!c.manifest) {
        assert.ok(!aaptOk, 'aapt read a manifest that the zip helper could not extract');
        return;
      }
      if (!aaptOk) {
        // aapt gave up at the zip level (bad offsets, NUL in a name): the AXML itself must still parse.
        assert.match(
          tree.out + c.treeErr,
          /Zip:|archive|not found/,
          `aapt failed for a non-zip reason: ${c.treeErr}`,
        );
        assert.ok(c.doc, `dfslab could not parse a manifest behind a zip aapt rejects: ${c.parseError}`);
        return;
      }
      compared++;
      assert.ok(c.doc, `dfslab failed where aapt succeeded: ${c.parseError}`);
      assert.deepEqual(recordsFromDoc(c.doc), parseAaptTree(tree.out));
    });
  }
  it('compared enough trees (runs last)', (t) => {
    if (!HAVE) return void t.skip('aapt or zip missing');
    // 520 shared APKs and 18 AXML files give aapt a tree: guard against a silently empty run.
    assert.ok(compared >= 530, `only ${compared} trees compared`);
  });
});

type Badging = {
  package?: string;
  versionCode?: string;
  versionName?: string;
  sdkVersion?: string;
  targetSdkVersion?: string;
  maxSdkVersion?: string;
  permissions: string[];
  permissionsSdk23: string[];
  launchable: string[];
  debuggable: boolean;
  installLocation?: string;
};

function parseBadging(out: string): Badging {
  const b: Badging = { permissions: [], permissionsSdk23: [], launchable: [], debuggable: false };
  for (const line of out.split('\n')) {
    let m =
      /^package: name='([^']*)' versionCode='([^']*)' versionName='(.*?)'( platformBuild|$| compileSdk)/.exec(
        line,
      );
    if (m) {
      b.package = m[1];
      b.versionCode = m[2];
      b.versionName = m[3];
      continue;
    }
    m = /^(sdkVersion|targetSdkVersion|maxSdkVersion):'(.*)'$/.exec(line);
    if (m) {
      b[m[1] as 'sdkVersion'] = m[2];
      continue;
    }
    m = /^uses-permission: name='([^']*)'(?: maxSdkVersion='(\d+)')?/.exec(line);
    if (m) {
      b.permissions.push(m[2] ? `${m[1]} max=${m[2]}` : m[1]);
      continue;
    }
    m = /^uses-implied-permission: name='([^']*)'/.exec(line);
    // aapt also prints an implied permission as uses-permission, right before this line.
    if (m) {
      const last = b.permissions[b.permissions.length - 1];
      if (last === m[1] || last?.startsWith(`${m[1]} max=`)) b.permissions.pop();
      continue;
    }
    m = /^uses-permission-sdk-23: name='([^']*)'(?: maxSdkVersion='(\d+)')?/.exec(line);
    if (m) {
      b.permissionsSdk23.push(m[2] ? `${m[1]} max=${m[2]}` : m[1]);
      continue;
    }
    m = /^install-location:'([^']*)'/.exec(line);
    if (m) {
      b.installLocation = m[1];
      continue;
    }
    if (line === 'application-debuggable') b.debuggable = true;
    m = /^launchable-activity: name='([^']*)'/.exec(line);
    if (m) b.launchable.push(m[1]);
  }
  return b;
}

describe('manifest oracle: aapt dump badging', () => {
  for (const c of cases) {
    const m = c.manifestModel;
    const badging = c.badging;
    if (!m || !badging || !/^package: /m.test(badging.out)) continue;
    it(c.path, () => {
      const b = parseBadging(badging.out);
      assert.equal(cstr(m.package), b.package);
      const vc = valueOf(m.versionCode);
      assert.equal(vc === undefined ? '' : String(vc), b.versionCode);
      const vn = m.versionName;
      if (vn === undefined) assert.equal(b.versionName, '');
      else if (typeof vn.value === 'string') assert.equal(cstr(vn.value), b.versionName);
      // aapt stops at the first error (often an unresolvable label): then only its first line counts.
      if (badging.status !== 0) return;
      fullBadging++;
      // aapt prints sdkVersion / targetSdkVersion only when <uses-sdk> declares them.
      if (b.sdkVersion !== undefined) assert.equal(String(m.sdk.minCodename ?? m.sdk.min), b.sdkVersion);
      else assert.equal(m.sdk.minAttr, undefined);
      if (b.targetSdkVersion !== undefined)
        assert.equal(String(m.sdk.targetCodename ?? m.sdk.target), b.targetSdkVersion);
      else assert.equal(m.sdk.targetAttr, undefined);
      assert.equal(m.sdk.max === undefined ? undefined : String(m.sdk.max), b.maxSdkVersion);
      const perms = (sdk23: boolean) =>
        m.usesPermissions
          .filter((p) => p.sdk23 === sdk23)
          .map((p) => {
            const max = valueOf(p.maxSdkVersion);
            return max !== undefined ? `${cstr(p.name)} max=${max}` : cstr(p.name);
          });
      assert.deepEqual(perms(false), b.permissions);
      assert.deepEqual(perms(true), b.permissionsSdk23);
      // aapt resolves a debuggable reference through resources.arsc; dfslab does with a resolver only.
      const dbg = m.application?.debuggable?.value;
      if (typeof dbg === 'boolean' || dbg === undefined) assert.equal(dbg === true, b.debuggable);
      const il = m.installLocation?.value;
      assert.equal(typeof il === 'string' ? il : undefined, b.installLocation);
      assert.deepEqual(
        m.launchableActivities.map((a) => a.name),
        b.launchable,
      );
    });
  }
  it('compared enough badging outputs in full (runs last)', (t) => {
    if (!HAVE) return void t.skip('aapt or zip missing');
    // 516 files give a complete badging (exit 0): guard against a silently empty run.
    assert.ok(fullBadging >= 510, `only ${fullBadging} full badging comparisons`);
  });
});

describe('framework attribute ids match framework-res.apk (API 29)', () => {
  it('every id dfslab uses is the one aapt dumps', (t) => {
    if (!requireTool(t, 'aapt')) return;
    const r = runTool('aapt', ['dump', 'resources', FRAMEWORK_RES]);
    assert.equal(r.status, 0, r.err);
    const dumped = new Map<string, number>();
    for (const m of r.out.matchAll(/spec resource 0x(0101[0-9a-f]{4}) android:attr\/(\w+):/g))
      dumped.set(m[2], parseInt(m[1], 16));
    assert.ok(dumped.size > 1000, 'framework attrs not found in the dump');
    for (const [name, id] of Object.entries(ATTR)) {
      if (POST_API29_ATTRS.includes(name as FrameworkAttrName)) {
        assert.equal(
          dumped.get(name),
          undefined,
          `${name} exists in API 29: move it out of POST_API29_ATTRS`,
        );
        assert.ok(
          id > Math.max(...dumped.values()),
          `${name} 0x${id.toString(16)} should be newer than API 29`,
        );
      } else {
        assert.equal(dumped.get(name), id, `android:attr/${name}`);
      }
    }
  });
});

type Fixture = { name: string; minSdk: number; targetSdk: number; application: string };

/** Packs a manifest with aapt (real compiled AXML, real resource ids) and parses it back. */
function buildFixture(dir: string, f: Fixture): Manifest {
  const xml = `<?xml version="1.0" encoding="utf-8"?>
<manifest xmlns:android="http://schemas.android.com/apk/res/android" package="org.example.fx">
  <uses-sdk android:minSdkVersion="${f.minSdk}" android:targetSdkVersion="${f.targetSdk}" />
  <application>${f.application}</application>
</manifest>`;
  mkdirSync(join(dir, f.name));
  const src = join(dir, f.name, 'AndroidManifest.xml');
  const apk = join(dir, `${f.name}.apk`);
  writeFileSync(src, xml);
  const r = runTool('aapt', ['package', '-f', '-M', src, '-I', FRAMEWORK_RES, '-F', apk]);
  assert.equal(r.status, 0, r.err);
  const bytes = readZipEntry(readFileSync(apk), 'AndroidManifest.xml');
  assert.ok(bytes);
  return parseManifest(parseAxml(bytes));
}

const COMPONENTS = `
  <activity android:name=".WithFilter"><intent-filter><action android:name="org.example.GO" /></intent-filter></activity>
  <activity android:name="NoDot"><intent-filter><category android:name="android.intent.category.DEFAULT" /></intent-filter></activity>
  <activity android:name="org.other.Plain" />
  <activity android:name=".Closed" android:exported="false"><intent-filter><action android:name="a.B" /></intent-filter></activity>
  <activity-alias android:name=".Alias" android:targetActivity=".Closed"><intent-filter><action android:name="a.C" /></intent-filter></activity-alias>
  <service android:name=".Svc" />
  <service android:name=".SvcEmptyFilter"><intent-filter><category android:name="a.E" /></intent-filter></service>
  <receiver android:name=".Rcv"><intent-filter android:priority="999"><action android:name="a.D" /></intent-filter></receiver>
  <provider android:name=".Prov" android:authorities="org.example.a;org.example.b" />
  <provider android:name=".ProvOpen" android:authorities="org.example.c" android:exported="true" />`;

describe('effective android:exported (aapt-packaged fixtures)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'dfslab-exported-'));
  after(() => rmSync(dir, { recursive: true, force: true }));
  const exported = (m: Manifest) =>
    Object.fromEntries(
      m.components.map((c) => [
        c.name.replace('org.example.fx.', ''),
        `${c.exported.effective}:${c.exported.reason}`,
      ]),
    );

  for (const [minSdk, targetSdk] of [
    [16, 16],
    [16, 30],
    [21, 30],
    [21, 31],
  ]) {
    it(`minSdk ${minSdk}, targetSdk ${targetSdk}`, (t) => {
      if (!requireTool(t, 'aapt')) return;
      const m = buildFixture(dir, {
        name: `t${minSdk}-${targetSdk}`,
        minSdk,
        targetSdk,
        application: COMPONENTS,
      });
      assert.deepEqual([m.sdk.min, m.sdk.target], [minSdk, targetSdk]);
      assert.deepEqual(exported(m), {
        WithFilter: 'true:intent-filter',
        NoDot: 'false:no-intent-filter', // a filter without <action> is dropped by Android
        'org.other.Plain': 'false:no-intent-filter',
        Closed: 'false:explicit',
        Alias: 'true:intent-filter',
        Svc: 'false:no-intent-filter',
        SvcEmptyFilter: 'true:intent-filter', // services keep a filter without <action>
        Rcv: 'true:intent-filter',
        Prov: targetSdk <= 16 ? 'true:provider-target-sdk-16-or-lower' : 'false:provider-default-false',
        ProvOpen: 'true:explicit',
      });
      const prov = m.components.find((c) => c.name.endsWith('.Prov'));
      assert.equal(prov?.exported.exportedOnLegacyDevices, minSdk <= 16);
      assert.deepEqual(prov?.authorities?.value, ['org.example.a', 'org.example.b']);
      const alias = m.components.find((c) => c.kind === 'activity-alias');
      assert.equal(alias?.targetActivity?.value, 'org.example.fx.Closed');
      const rcv = m.components.find((c) => c.kind === 'receiver');
      assert.equal(rcv?.intentFilters[0].priority?.value, 999);
      const missing = m.anomalies
        .filter((a) => a.code === 'missing-exported')
        .map((a) => a.message.split(':')[0]);
      // Android 12+ refuses to install these; below 31 they are fine.
      assert.deepEqual(
        missing,
        targetSdk >= 31
          ? [
              'manifest/application[1]/activity[1]',
              'manifest/application[1]/activity-alias[1]',
              'manifest/application[1]/service[2]',
              'manifest/application[1]/receiver[1]',
            ]
          : [],
      );
      // Locations point at real bytes: the attribute record of android:exported on .Closed.
      const closed = m.components.find((c) => c.name.endsWith('.Closed'));
      assert.equal(closed?.exported.declared?.path, 'manifest/application[1]/activity[4]/@android:exported');
      assert.ok((closed?.exported.declared?.offset ?? 0) > 0);
    });
  }
});

describe('network security config compiled by aapt', () => {
  it('parses the compiled res/xml file and matches aapt xmltree', (t) => {
    if (!requireTool(t, 'aapt')) return;
    const dir = mkdtempSync(join(tmpdir(), 'dfslab-nsc-'));
    t.after(() => rmSync(dir, { recursive: true, force: true }));
    mkdirSync(join(dir, 'res', 'xml'), { recursive: true });
    mkdirSync(join(dir, 'res', 'raw'), { recursive: true });
    writeFileSync(join(dir, 'res', 'raw', 'ca.pem'), 'x');
    writeFileSync(
      join(dir, 'AndroidManifest.xml'),
      `<manifest xmlns:android="http://schemas.android.com/apk/res/android" package="org.example.nsc">
  <application android:networkSecurityConfig="@xml/nsc" android:usesCleartextTraffic="false" /></manifest>`,
    );
    writeFileSync(
      join(dir, 'res', 'xml', 'nsc.xml'),
      `<?xml version="1.0" encoding="utf-8"?>
<network-security-config>
  <base-config cleartextTrafficPermitted="true"><trust-anchors><certificates src="system" /><certificates src="user" overridePins="true" /></trust-anchors></base-config>
  <domain-config cleartextTrafficPermitted="false">
    <domain includeSubdomains="true">pay.example.com</domain>
    <trust-anchors><certificates src="@raw/ca" /></trust-anchors>
    <pin-set expiration="2030-01-01"><pin digest="SHA-256">7HIpactkIAq2Y49orFOOQKurWxmmSFZhBCoQYcRhJ3Y=</pin></pin-set>
    <domain-config cleartextTrafficPermitted="true"><domain>legacy.example.com</domain></domain-config>
  </domain-config>
  <debug-overrides><trust-anchors><certificates src="user" /></trust-anchors></debug-overrides>
</network-security-config>`,
    );
    const apk = join(dir, 'nsc.apk');
    const r = runTool('aapt', [
      'package',
      '-f',
      '-M',
      join(dir, 'AndroidManifest.xml'),
      '-S',
      join(dir, 'res'),
      '-I',
      FRAMEWORK_RES,
      '-F',
      apk,
    ]);
    assert.equal(r.status, 0, r.err);
    const zip = readFileSync(apk);
    const m = parseManifest(parseAxml(readZipEntry(zip, 'AndroidManifest.xml')!));
    assert.equal(m.application?.usesCleartextTraffic?.value, false);
    assert.equal(m.application?.networkSecurityConfig?.value.type, 'reference');
    const doc = parseAxml(readZipEntry(zip, 'res/xml/nsc.xml')!);
    const tree = runTool('aapt', ['dump', 'xmltree', apk, 'res/xml/nsc.xml']);
    assert.deepEqual(recordsFromDoc(doc), parseAaptTree(tree.out));
    const nsc = parseNetworkSecurityConfig(doc);
    assert.deepEqual(nsc.anomalies, []);
    assert.equal(nsc.baseConfig?.cleartextTrafficPermitted?.value, true);
    assert.deepEqual(
      nsc.baseConfig?.trustAnchors?.certificates.map((c) => `${c.src?.value}:${c.overridePins?.value}`),
      ['system:undefined', 'user:true'],
    );
    const d = nsc.domainConfigs[0];
    assert.deepEqual(
      [d.cleartextTrafficPermitted?.value, d.domains[0].name, d.domains[0].includeSubdomains?.value],
      [false, 'pay.example.com', true],
    );
    assert.match(String(d.trustAnchors?.certificates[0].src?.value), /^@0x7f[0-9a-f]{6}$/);
    assert.deepEqual(
      [d.pinSet?.expiration?.value, d.pinSet?.pins[0].digest?.value, d.pinSet?.pins[0].value],
      ['2030-01-01', 'SHA-256', '7HIpactkIAq2Y49orFOOQKurWxmmSFZhBCoQYcRhJ3Y='],
    );
    assert.equal(d.domainConfigs[0].cleartextTrafficPermitted?.value, true);
    assert.equal(nsc.debugOverrides?.trustAnchors?.certificates[0].src?.value, 'user');
  });
});

/** The files the shared README says aapt fails on while androguard parses them. */
describe('README cases where aapt gives up', () => {
  const open = (rel: string) => readZipEntry(readFileSync(join(SHARED_APKS, rel)), 'AndroidManifest.xml');

  it('AndroidManifest_ShortName.apk: no resources.arsc, so aapt badging stops at the icon; ".Galaxy4" names resolve against the package', (t) => {
    if (!requireShared(t) || !requireTool(t, 'aapt')) return;
    const rel = 'androguard/APK/AndroidManifest_ShortName.apk';
    assert.notEqual(runTool('aapt', ['dump', 'badging', join(SHARED_APKS, rel)]).status, 0);
    const m = parseManifest(parseAxml(open(rel)!));
    assert.equal(m.package, 'com.android.galaxy4');
    assert.deepEqual(
      m.components.map((c) => `${c.kind}:${c.name}`),
      ['activity:com.android.galaxy4.Galaxy4', 'service:com.android.galaxy4.Galaxy4Wallpaper'],
    );
  });

  it('compact-entry.apk: aapt cannot read the compact resource entries; the manifest itself is ordinary', (t) => {
    if (!requireShared(t) || !requireTool(t, 'aapt')) return;
    const rel = 'androguard/AXML/compact-entry.apk';
    const b = runTool('aapt', ['dump', 'badging', join(SHARED_APKS, rel)]);
    assert.notEqual(b.status, 0);
    const doc = parseAxml(open(rel)!);
    const m = parseManifest(doc);
    assert.deepEqual(
      [m.package, m.sdk.min, m.sdk.target, m.compileSdkVersion?.value],
      ['com.erev0s', 34, 34, 23],
    );
    assert.deepEqual(doc.anomalies, []);
  });

  it('multidex.apk: there is no AndroidManifest.xml at all (aapt and dfslab agree)', (t) => {
    if (!requireShared(t) || !requireTool(t, 'aapt')) return;
    const rel = 'androguard/APK/multidex.apk';
    assert.equal(open(rel), undefined);
    assert.match(
      runTool('aapt', ['dump', 'badging', join(SHARED_APKS, rel)]).err + '',
      /AndroidManifest.xml/,
    );
  });
});

describe('locations in real manifests', () => {
  it('every path/offset in every parsed shared manifest points at its element or attribute', (t) => {
    if (!HAVE) return void t.skip('aapt or zip missing');
    let checked = 0;
    for (const c of cases) if (c.doc && c.manifestModel) checked += checkLocations(c.doc, c.manifestModel);
    // About 14,200 today: guard against the walk silently finding nothing.
    assert.ok(checked > 14_000, `only ${checked} locations checked`);
  });
});
