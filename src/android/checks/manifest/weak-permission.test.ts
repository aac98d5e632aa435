import assert from 'node:assert/strict';
import { test } from 'node:test';
import { auditFixtures, findingsOf } from '../../testing/check-harness.js';
import check from './weak-permission.js';

const TOP = `<permission android:name="org.dfslab.fixture.NORMAL" android:protectionLevel="normal"/>
<permission android:name="org.dfslab.fixture.SIG" android:protectionLevel="signature"/>`;

test('AND-MANIFEST-007 weak-custom-permission', async (t) => {
  const [pos, neg] = await auditFixtures(t, check, [
    {
      targetSdk: 30,
      top: TOP,
      app: `<service android:name=".Pay" android:exported="true" android:permission="org.dfslab.fixture.NORMAL"/>
<receiver android:name=".Ext" android:exported="true" android:permission="com.partner.BIND"/>
<service android:name=".Job" android:exported="true" android:permission="android.permission.BIND_JOB_SERVICE"/>
<receiver android:name=".Net" android:exported="true" android:permission="android.permission.INTERNET"/>`,
    },
    {
      targetSdk: 30,
      top: TOP,
      app: `<service android:name=".Pay" android:exported="true" android:permission="org.dfslab.fixture.SIG"/>
<service android:name=".Local" android:exported="false" android:permission="org.dfslab.fixture.NORMAL"/>`,
    },
  ]);
  if (!pos) return;
  const f = findingsOf(pos, check.id);
  assert.deepEqual(f.map((x) => x.messageId).sort(), ['platformWeak', 'undeclared', 'weak']);
  const weak = f.find((x) => x.messageId === 'weak');
  assert.equal(weak?.severity, 'medium');
  assert.match(weak?.message ?? '', /org\.dfslab\.fixture\.NORMAL/);
  const ev = weak?.evidence[1];
  assert.ok(
    ev?.kind === 'manifest' &&
      ev.element === 'manifest/permission[1]' &&
      ev.attribute === 'android:protectionLevel' &&
      (ev.byteOffset ?? 0) > 0,
  );
  const ev0 = weak?.evidence[0];
  assert.ok(ev0?.kind === 'manifest' && ev0.element === 'manifest/application[1]/service[1]');
  assert.equal(findingsOf(neg, check.id).length, 0);
});
