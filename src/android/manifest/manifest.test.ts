import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ATTR } from '../axml/attrs.js';
import { parseAxml } from '../axml/parse.js';
import { axmlToXml } from '../axml/to-xml.js';
import { aBool, aInt, aRef, aStr, writeAxml } from '../axml/testing/writer.js';
import type { WAttr, WNode } from '../axml/testing/writer.js';
import type { ResValue, ResolvedResource, ResourceResolver } from '../resources.js';
import { buildClassName, decodeProtectionLevel, parseManifest, resolveLocator } from './index.js';
import { checkLocations } from './testing/locations.js';

/** A resolver over a fixed map of default-config values. */
function fakeResolver(values: Record<number, ResValue>): ResourceResolver {
  return {
    values: (id): ResolvedResource[] =>
      values[id] ? [{ id, name: `fake:x/${id.toString(16)}`, config: '', value: values[id] }] : [],
    resolve: (id) => values[id],
    name: (id) => (values[id] ? `x/${id.toString(16)}` : undefined),
    filePath: () => undefined,
  };
}

const pkgAttr = aStr('package', 'org.example.app', undefined, null);
const el = (name: string, attrs: WAttr[] = [], children: WNode[] = []): WNode => ({ name, attrs, children });
const named = (tag: string, name: string, extra: WAttr[] = [], children: WNode[] = []) =>
  el(tag, [aStr('name', name, ATTR.name), ...extra], children);
const filter = (actions: string[], categories: string[] = [], extra: WAttr[] = []) =>
  el('intent-filter', extra, [
    ...actions.map((a) => named('action', a)),
    ...categories.map((c) => named('category', c)),
  ]);
const manifest = (children: WNode[], attrs: WAttr[] = []) =>
  parseAxml(writeAxml(el('manifest', [pkgAttr, ...attrs], children)));

describe('parseManifest', () => {
  it('reads package, versions, SDKs and application flags with locations', () => {
    const doc = manifest(
      [
        el('uses-sdk', [
          aInt('minSdkVersion', 21, ATTR.minSdkVersion),
          aInt('targetSdkVersion', 33, ATTR.targetSdkVersion),
        ]),
        el('application', [
          aBool('debuggable', true, ATTR.debuggable),
          aBool('allowBackup', false, ATTR.allowBackup),
          aRef('networkSecurityConfig', 0x7f0f0001, ATTR.networkSecurityConfig),
          aStr('name', '.App', ATTR.name),
        ]),
      ],
      [
        aInt('versionCode', 42, ATTR.versionCode),
        aStr('versionName', '4.2', ATTR.versionName),
        aInt('installLocation', 2, ATTR.installLocation),
      ],
    );
    const m = parseManifest(doc);
    assert.equal(m.package, 'org.example.app');
    assert.equal(m.versionCode?.value, 42);
    assert.equal(m.versionName?.value, '4.2');
    assert.equal(m.installLocation?.value, 'preferExternal');
    assert.deepEqual([m.sdk.min, m.sdk.target, m.sdk.max], [21, 33, undefined]);
    const app = m.application!;
    assert.equal(app.debuggable?.value, true);
    assert.equal(app.debuggable?.path, 'manifest/application[1]/@android:debuggable');
    const attr = doc.root.children[1].attributes.find((a) => a.name === 'debuggable');
    assert.equal(app.debuggable?.offset, attr?.offset);
    assert.equal(app.allowBackup?.value, false);
    assert.deepEqual(app.networkSecurityConfig?.value, { type: 'reference', value: 0x7f0f0001 });
    assert.equal(app.name?.value, 'org.example.app.App');
    assert.deepEqual(m.anomalies, []);
  });

  it('defaults: minSdk 1, targetSdk = minSdk; codenames', () => {
    assert.deepEqual(parseManifest(manifest([])).sdk, { min: 1, target: 1 });
    const onlyMin = parseManifest(
      manifest([el('uses-sdk', [aInt('minSdkVersion', 9, ATTR.minSdkVersion)])]),
    ).sdk;
    assert.deepEqual([onlyMin.min, onlyMin.target], [9, 9]);
    const code = parseManifest(
      manifest([
        el('uses-sdk', [
          aStr('minSdkVersion', 'Q', ATTR.minSdkVersion),
          aInt('maxSdkVersion', 30, ATTR.maxSdkVersion),
        ]),
      ]),
    ).sdk;
    assert.deepEqual(
      [code.minCodename, code.targetCodename, code.min, code.target, code.max],
      ['Q', 'Q', 10000, 10000, 30],
    );
    const numeric = parseManifest(
      manifest([el('uses-sdk', [aStr('minSdkVersion', '21', ATTR.minSdkVersion)])]),
    );
    assert.deepEqual([numeric.sdk.minCodename, numeric.sdk.min], ['21', 10000]);
    assert.deepEqual(
      numeric.anomalies.map((a) => a.code),
      ['sdk-version-string'],
    );
  });

  it('matches framework attributes by resource id: masked names still count, unmapped ones do not', () => {
    const masked = manifest([el('application', [aBool('xx', true, ATTR.debuggable)])]);
    assert.equal(parseManifest(masked).application?.debuggable?.value, true);
    const noMap = parseAxml(
      writeAxml(
        el('manifest', [pkgAttr], [el('application', [aBool('debuggable', true, ATTR.debuggable)])]),
        { resourceMap: false },
      ),
    );
    assert.equal(parseManifest(noMap).application?.debuggable, undefined);
    assert.ok(noMap.anomalies.some((a) => a.code === 'android-attribute-without-id'));
  });

  it('follows references through the resolver and keeps unresolvable ones as @0x…', () => {
    const doc = manifest(
      [
        el(
          'application',
          [
            aRef('usesCleartextTraffic', 0x7f050001, ATTR.usesCleartextTraffic),
            aRef('label', 0x7f0a0000, ATTR.label),
          ],
          [el('activity', [aStr('name', '.A', ATTR.name), aRef('exported', 0x7f050002, ATTR.exported)])],
        ),
      ],
      [aRef('versionName', 0x7f0a0009, ATTR.versionName)],
    );
    const res = fakeResolver({
      0x7f050001: { type: 'boolean', value: true },
      0x7f0a0000: { type: 'string', value: 'Pay' },
      0x7f050002: { type: 'boolean', value: false },
    });
    const m = parseManifest(doc, res);
    assert.equal(m.application?.usesCleartextTraffic?.value, true);
    assert.deepEqual(m.application?.label?.value, { type: 'string', value: 'Pay' });
    assert.deepEqual(m.versionName?.value, { ref: '@0x7f0a0009', id: 0x7f0a0009 });
    assert.deepEqual(
      [m.components[0].exported.effective, m.components[0].exported.reason],
      [false, 'explicit'],
    );
    const bare = parseManifest(doc);
    assert.deepEqual(bare.application?.usesCleartextTraffic?.value, { ref: '@0x7f050001', id: 0x7f050001 });
    assert.deepEqual(
      [bare.components[0].exported.effective, bare.components[0].exported.reason],
      [true, 'unresolved'],
    );
  });

  it('reads permissions, protection levels, features and queries', () => {
    const m = parseManifest(
      manifest([
        named('uses-permission', 'android.permission.READ_SMS'),
        named('uses-permission', 'android.permission.WRITE_EXTERNAL_STORAGE', [
          aInt('maxSdkVersion', 28, ATTR.maxSdkVersion),
        ]),
        named('uses-permission-sdk-23', 'android.permission.CAMERA'),
        named('permission', 'org.example.app.PAY', [
          {
            name: 'protectionLevel',
            ns: 'http://schemas.android.com/apk/res/android',
            resId: ATTR.protectionLevel,
            type: 0x11,
            data: 0x12,
          },
        ]),
        named('permission', 'org.example.app.OPEN'),
        named('permission-group', 'org.example.app.GROUP'),
        named('uses-feature', 'android.hardware.nfc', [aBool('required', false, ATTR.required)]),
        el(
          'queries',
          [],
          [named('package', 'com.bank'), el('intent', [], [named('action', 'android.intent.action.SEND')])],
        ),
      ]),
    );
    assert.deepEqual(
      m.usesPermissions.map((p) => [p.name, p.maxSdkVersion?.value, p.sdk23]),
      [
        ['android.permission.READ_SMS', undefined, false],
        ['android.permission.WRITE_EXTERNAL_STORAGE', 28, false],
        ['android.permission.CAMERA', undefined, true],
      ],
    );
    assert.deepEqual(m.permissions[0].protectionLevel, {
      value: 0x12,
      base: 'signature',
      flags: ['privileged'],
    });
    assert.equal(m.permissions[1].protectionLevel.base, 'normal');
    assert.equal(m.permissionGroups[0].name, 'org.example.app.GROUP');
    assert.equal(m.usesFeatures[0].required, false);
    assert.equal(m.queries[0].packages[0].value, 'com.bank');
    assert.equal(m.queries[0].intents[0].actions[0].value, 'android.intent.action.SEND');
    assert.equal(m.usesPermissions[2].at.path, 'manifest/uses-permission-sdk-23[1]');
  });

  it('reads components: names, filters, data, launch modes, providers, launchable activities', () => {
    const data = el('data', [
      aStr('scheme', 'https', ATTR.scheme),
      aStr('host', 'pay.example.org', ATTR.host),
      aStr('pathPrefix', '/tx', ATTR.pathPrefix),
    ]);
    const m = parseManifest(
      manifest([
        el('uses-sdk', [aInt('targetSdkVersion', 31, ATTR.targetSdkVersion)]),
        el(
          'application',
          [],
          [
            named(
              'activity',
              '.Main',
              [
                aBool('exported', true, ATTR.exported),
                aInt('launchMode', 2, ATTR.launchMode),
                aStr('taskAffinity', '', ATTR.taskAffinity),
              ],
              [
                filter(['android.intent.action.MAIN'], ['android.intent.category.LAUNCHER']),
                {
                  ...filter(
                    ['android.intent.action.VIEW'],
                    ['android.intent.category.BROWSABLE'],
                    [aBool('autoVerify', true, ATTR.autoVerify)],
                  ),
                  children: [
                    named('action', 'android.intent.action.VIEW'),
                    named('category', 'android.intent.category.BROWSABLE'),
                    data,
                  ],
                },
              ],
            ),
            named(
              'activity-alias',
              '.Launcher',
              [aStr('targetActivity', '.Main', ATTR.targetActivity), aBool('exported', true, ATTR.exported)],
              [filter(['android.intent.action.MAIN'], ['android.intent.category.LAUNCHER'])],
            ),
            named('service', 'Sync', [], [filter(['org.example.SYNC'])]),
            named(
              'provider',
              'com.lib.Files',
              [
                aStr('authorities', 'org.example.files', ATTR.authorities),
                aBool('grantUriPermissions', true, ATTR.grantUriPermissions),
                aStr('readPermission', 'org.example.R', ATTR.readPermission),
              ],
              [el('grant-uri-permission', [aStr('pathPrefix', '/shared', ATTR.pathPrefix)])],
            ),
            named('application', 'ignored'),
          ],
        ),
        el('application'),
      ]),
    );
    const [main, alias, svc, prov] = m.components;
    assert.equal(main.name, 'org.example.app.Main');
    assert.equal(main.launchMode?.value, 'singleTask');
    assert.equal(main.taskAffinity?.value, '');
    const f = main.intentFilters[1];
    assert.equal(f.autoVerify?.value, true);
    assert.deepEqual(
      [f.data[0].scheme?.value, f.data[0].host?.value, f.data[0].pathPrefix?.value],
      ['https', 'pay.example.org', '/tx'],
    );
    assert.equal(
      f.data[0].host?.path,
      'manifest/application[1]/activity[1]/intent-filter[2]/data[1]/@android:host',
    );
    assert.equal(alias.targetActivity?.value, 'org.example.app.Main');
    assert.equal(svc.name, 'org.example.app.Sync');
    assert.deepEqual([svc.exported.effective, svc.exported.reason], [true, 'intent-filter']);
    assert.deepEqual(prov.authorities?.value, ['org.example.files']);
    assert.equal(prov.grantUriPermissions?.value, true);
    assert.equal(prov.readPermission?.value, 'org.example.R');
    assert.equal(prov.grantUriPermissionElements?.[0].pathPrefix?.value, '/shared');
    assert.deepEqual(
      m.launchableActivities.map((c) => c.name),
      ['org.example.app.Main', 'org.example.app.Launcher'],
    );
    const codes = m.anomalies.map((a) => a.code).sort();
    assert.deepEqual(codes, ['missing-exported', 'multiple-applications']);
  });

  it('resolves class names like PackageParser.buildClassName', () => {
    assert.equal(buildClassName('a.b', '.C'), 'a.b.C');
    assert.equal(buildClassName('a.b', 'C'), 'a.b.C');
    assert.equal(buildClassName('a.b', 'x.y.C'), 'x.y.C');
  });

  it('decodes protection levels', () => {
    assert.deepEqual(decodeProtectionLevel(1), { value: 1, base: 'dangerous', flags: [] });
    assert.deepEqual(decodeProtectionLevel(0x3), { value: 3, base: 'signatureOrSystem', flags: [] });
    assert.deepEqual(decodeProtectionLevel(0x42 | 0x20), {
      value: 0x62,
      base: 'signature',
      flags: ['development', 'appop'],
    });
    assert.deepEqual(decodeProtectionLevel(0x1000_0000 | 2).flags, ['0x10000000']);
  });

  it('reports a root that is not <manifest> and a missing package', () => {
    const m = parseManifest(parseAxml(writeAxml(el('LinearLayout'))));
    assert.deepEqual(
      m.anomalies.map((a) => a.code),
      ['root-not-manifest', 'missing-package'],
    );
  });

  it('computes effective permissions like PackageParser and checks alias targets', () => {
    const m = parseManifest(
      manifest([
        el(
          'application',
          [aStr('permission', 'org.example.APP', ATTR.permission)],
          [
            named('activity', '.A'),
            named('activity', '.B', [aStr('permission', 'org.example.B', ATTR.permission)]),
            named('activity', '.C', [aStr('permission', '', ATTR.permission)]),
            named('activity-alias', '.AliasB', [aStr('targetActivity', '.B', ATTR.targetActivity)]),
            named('activity-alias', '.AliasLate', [aStr('targetActivity', '.Later', ATTR.targetActivity)]),
            named('service', '.S'),
            named('provider', '.P', [
              aStr('permission', 'org.example.P', ATTR.permission),
              aStr('writePermission', 'org.example.W', ATTR.writePermission),
            ]),
            named('activity', '.Later'),
            el('profileable', [aBool('shell', true, ATTR.shell)]),
          ],
        ),
      ]),
    );
    const eff = Object.fromEntries(
      m.components.map((c) => [
        c.name.replace('org.example.app.', ''),
        [c.effectivePermission, c.effectiveReadPermission, c.effectiveWritePermission],
      ]),
    );
    assert.deepEqual(eff, {
      A: ['org.example.APP', undefined, undefined],
      B: ['org.example.B', undefined, undefined],
      C: [undefined, undefined, undefined], // an empty permission means none
      AliasB: ['org.example.B', undefined, undefined],
      AliasLate: [undefined, undefined, undefined],
      S: ['org.example.APP', undefined, undefined],
      P: [undefined, 'org.example.P', 'org.example.W'],
      Later: ['org.example.APP', undefined, undefined],
    });
    assert.deepEqual(
      m.anomalies.map((a) => a.code),
      ['alias-target-not-found'],
    );
    assert.equal(m.application?.profileable?.shell?.value, true);
  });

  it('finds plain attributes by their string, whatever resource id the map gives them', () => {
    const doc = parseAxml(writeAxml(el('manifest', [{ ...pkgAttr, resId: 0x01010003 }])));
    const m = parseManifest(doc);
    assert.equal(m.package, 'org.example.app');
    assert.equal(m.packageAttr?.path, 'manifest/@package');
  });

  it('every location in the model resolves back to its element or attribute', () => {
    const doc = manifest([
      named('uses-permission', 'a.P'),
      el(
        'application',
        [aBool('debuggable', true, ATTR.debuggable), aBool('zz', true, ATTR.allowBackup)],
        [
          named('activity', '.A', [], [filter(['a.ACT'], ['a.CAT'])]),
          named('activity', '.B', [aBool('exported', true, ATTR.exported)]),
        ],
      ),
    ]);
    const m = parseManifest(doc);
    const seen = checkLocations(doc, m);
    assert.ok(seen > 10, `only ${seen} locations`);
    assert.equal(resolveLocator(doc, 'manifest/application[1]/activity[3]'), undefined);
    assert.equal(resolveLocator(doc, 'manifest/application[1]/@android:label'), undefined);
    assert.equal(
      resolveLocator(doc, 'manifest/application[1]/@android:allowBackup')?.attribute?.poolName,
      'zz',
    );
  });

  it('an attribute after one with a larger resource id is invisible to Android, and reported', () => {
    const act = named(
      'activity',
      '.A',
      [aInt('configChanges', 0x4a0, 0x0101001f), aBool('exported', false, ATTR.exported)],
      [filter(['a.GO'])],
    );
    const app = el('application', [], [act]);
    const unsorted = parseManifest(
      parseAxml(writeAxml(el('manifest', [pkgAttr], [app]), { sortAttributes: false })),
    );
    const c = unsorted.components[0];
    assert.equal(c.exported.declared, undefined);
    assert.deepEqual([c.exported.effective, c.exported.reason], [true, 'intent-filter']);
    assert.deepEqual(
      unsorted.anomalies.map((a) => a.code),
      ['attribute-out-of-order'],
    );
    const sorted = parseManifest(parseAxml(writeAxml(el('manifest', [pkgAttr], [app]))));
    assert.deepEqual(
      [sorted.components[0].exported.effective, sorted.components[0].exported.reason],
      [false, 'explicit'],
    );
  });

  it('a masking namespace (prefix "android" bound to another URI) changes nothing for Android', () => {
    const ANDROID = 'http://schemas.android.com/apk/res/android';
    const doc = parseAxml(
      writeAxml(
        el(
          'manifest',
          [pkgAttr],
          [
            el('application', [
              aBool('debuggable', true, ATTR.debuggable, ANDROID),
              aBool('allowBackup', false, ATTR.allowBackup, 'http://evil'),
            ]),
          ],
        ),
        {
          namespaces: [
            { prefix: 'android', uri: 'http://evil' },
            { prefix: 'x', uri: ANDROID },
          ],
        },
      ),
    );
    const m = parseManifest(doc);
    // Resource ids decide: both attributes count, whatever their namespace says.
    assert.equal(m.application?.debuggable?.value, true);
    assert.equal(m.application?.allowBackup?.value, false);
    assert.deepEqual(
      doc.anomalies.map((a) => a.code),
      ['attribute-namespace-mismatch'],
    );
    assert.match(axmlToXml(doc), /<application x:debuggable="true" android:allowBackup="false" \/>/);
  });

  it('reports each masked attribute name once, however often it occurs', () => {
    const acts = Array.from({ length: 50 }, (_, i) => el('activity', [aStr('n', `.A${i}`, ATTR.name)]));
    const doc = parseAxml(writeAxml(el('manifest', [pkgAttr], [el('application', [], acts)])));
    assert.deepEqual(
      doc.anomalies.map((a) => a.code),
      ['masked-attribute-name'],
    );
    assert.equal(parseManifest(doc).components.length, 50);
  });

  it('raw vs typed strings: name lookups (package) read the raw string, framework attributes the typed one', () => {
    const pkg: WAttr = { name: 'package', raw: 'com.raw', type: 0x03, data: 'com.typed' };
    const act: WAttr = { ...aStr('name', 'x', ATTR.name), raw: 'org.Raw', data: 'org.Typed' };
    const doc = parseAxml(writeAxml(el('manifest', [pkg], [el('application', [], [el('activity', [act])])])));
    const m = parseManifest(doc);
    assert.equal(m.package, 'com.raw');
    assert.equal(m.components[0].name, 'org.Typed');
    assert.deepEqual(
      doc.anomalies.map((a) => a.code),
      ['raw-value-mismatch', 'raw-value-mismatch'],
    );
  });
});
