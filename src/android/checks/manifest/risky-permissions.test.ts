import assert from 'node:assert/strict';
import { test } from 'node:test';
import { auditFixtures, findingsOf } from '../../testing/check-harness.js';
import check from './risky-permissions.js';

test('AND-MANIFEST-012 risky-permissions', async (t) => {
  const [pos, neg] = await auditFixtures(t, check, [
    {
      top: `<uses-permission android:name="android.permission.INTERNET"/>
<uses-permission android:name="android.permission.RECEIVE_SMS"/>
<uses-permission android:name="android.permission.SYSTEM_ALERT_WINDOW"/>
<uses-permission android:name="android.permission.CAMERA"/>
<uses-permission android:name="android.permission.READ_PHONE_STATE" android:maxSdkVersion="22"/>`,
      app: `<service android:name=".Access" android:permission="android.permission.BIND_ACCESSIBILITY_SERVICE" android:exported="true"/>`,
    },
    {
      top: `<uses-permission android:name="android.permission.INTERNET"/><uses-permission android:name="android.permission.USE_BIOMETRIC"/>`,
      app: `<service android:name=".Job" android:permission="android.permission.BIND_JOB_SERVICE" android:exported="true"/>`,
    },
  ]);
  if (!pos) return;
  const f = findingsOf(pos, check.id);
  assert.deepEqual(f.map((x) => `${x.messageId}:${x.severity}`).sort(), [
    'accessibility:medium',
    'dangerous:info',
    'overlay:medium',
    'sms:medium',
  ]);
  const sms = f.find((x) => x.messageId === 'sms');
  assert.match(sms?.message ?? '', /android\.permission\.RECEIVE_SMS/);
  const ev = sms?.evidence[0];
  assert.ok(
    ev?.kind === 'manifest' &&
      ev.element === 'manifest/uses-permission[2]' &&
      ev.attribute === 'android:name' &&
      ev.value === 'android.permission.RECEIVE_SMS' &&
      (ev.byteOffset ?? 0) > 0,
  );
  const acc = f.find((x) => x.messageId === 'accessibility')?.evidence[0];
  assert.ok(
    acc?.kind === 'manifest' &&
      acc.element === 'manifest/application[1]/service[1]' &&
      acc.attribute === 'android:permission',
  );
  assert.equal(findingsOf(neg, check.id).length, 0);
});
