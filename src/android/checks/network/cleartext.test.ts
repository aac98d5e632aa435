import assert from 'node:assert/strict';
import { test } from 'node:test';
import { auditFixtures, findingsOf } from '../../testing/check-harness.js';
import check from './cleartext.js';
import { withNsc } from './lib/fixtures.js';

test('AND-NETCFG-001 cleartext-traffic', async (t) => {
  const [attr, nsc, implicit, negNsc, negAttr, shadowed] = await auditFixtures(t, check, [
    { targetSdk: 30, appAttrs: 'android:usesCleartextTraffic="true"' },
    withNsc(`<base-config cleartextTrafficPermitted="true"/>
<domain-config cleartextTrafficPermitted="true"><domain includeSubdomains="true">cdn.example.com</domain></domain-config>
<domain-config cleartextTrafficPermitted="true"><domain>api.wallet.example</domain></domain-config>`),
    { targetSdk: 27 },
    withNsc('<base-config cleartextTrafficPermitted="false"/>', { targetSdk: 27 }),
    { targetSdk: 27, appAttrs: 'android:usesCleartextTraffic="false"' },
    withNsc('<base-config cleartextTrafficPermitted="false"/>', {
      minSdk: 23,
      appAttrs: 'android:usesCleartextTraffic="true"',
    }),
  ]);
  if (!attr) return;
  const a = findingsOf(attr, check.id);
  assert.equal(a.length, 1);
  assert.equal(a[0].messageId, 'manifestAttr');
  const aev = a[0].evidence[0];
  assert.ok(
    aev.kind === 'manifest' &&
      aev.file === 'AndroidManifest.xml' &&
      aev.element === 'manifest/application[1]' &&
      aev.attribute === 'android:usesCleartextTraffic' &&
      (aev.byteOffset ?? 0) > 0,
  );

  const n = findingsOf(nsc, check.id);
  assert.deepEqual(n.map((x) => `${x.messageId}:${x.severity}`).sort(), [
    'nscBase:high',
    'nscDomain:medium',
    'nscDomainSensitive:high',
  ]);
  const base = n.find((x) => x.messageId === 'nscBase')?.evidence[0];
  assert.ok(
    base?.kind === 'manifest' &&
      base.file === 'res/xml/nsc.xml' &&
      base.element === 'network-security-config/base-config[1]' &&
      base.attribute === 'cleartextTrafficPermitted' &&
      base.value === 'true' &&
      (base.byteOffset ?? 0) > 0,
  );
  assert.match(n.find((x) => x.messageId === 'nscDomain')?.message ?? '', /\*\.cdn\.example\.com/);

  const i = findingsOf(implicit, check.id);
  assert.equal(i.length, 1);
  assert.equal(i[0].messageId, 'implicitDefault');
  assert.equal(findingsOf(negNsc, check.id).length, 0);
  assert.equal(findingsOf(negAttr, check.id).length, 0);
  const s = findingsOf(shadowed, check.id);
  assert.equal(s.length, 1);
  assert.equal(s[0].messageId, 'manifestAttrShadowed');
  assert.equal(s[0].severity, 'low');
});
