import assert from 'node:assert/strict';
import { test } from 'node:test';
import { auditFixtures, findingsOf } from '../../testing/check-harness.js';
import check from './external-storage.js';

test('AND-MANIFEST-013 external-storage-permission', async (t) => {
  const [pos, legacy, neg] = await auditFixtures(t, check, [
    {
      top: `<uses-permission android:name="android.permission.INTERNET"/><uses-permission android:name="android.permission.WRITE_EXTERNAL_STORAGE"/>`,
    },
    { targetSdk: 29, appAttrs: 'android:requestLegacyExternalStorage="true"' },
    {
      top: `<uses-permission android:name="android.permission.WRITE_EXTERNAL_STORAGE" android:maxSdkVersion="18"/>`,
    },
  ]);
  if (!pos) return;
  const f = findingsOf(pos, check.id);
  assert.equal(f.length, 1);
  assert.equal(f[0].messageId, 'write');
  const ev = f[0].evidence[0];
  assert.ok(
    ev.kind === 'manifest' &&
      ev.element === 'manifest/uses-permission[2]' &&
      ev.attribute === 'android:name' &&
      ev.value === 'android.permission.WRITE_EXTERNAL_STORAGE' &&
      (ev.byteOffset ?? 0) > 0,
  );
  const l = findingsOf(legacy, check.id);
  assert.equal(l.length, 1);
  assert.equal(l[0].messageId, 'legacy');
  assert.ok(
    l[0].evidence[0].kind === 'manifest' &&
      l[0].evidence[0].attribute === 'android:requestLegacyExternalStorage',
  );
  assert.equal(findingsOf(neg, check.id).length, 0);
});
