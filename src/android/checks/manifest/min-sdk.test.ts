import assert from 'node:assert/strict';
import { test } from 'node:test';
import { auditFixtures, findingsOf } from '../../testing/check-harness.js';
import check from './min-sdk.js';

test('AND-MANIFEST-010 min-sdk-outdated', async (t) => {
  const [old, older, ok] = await auditFixtures(t, check, [{ minSdk: 21 }, { minSdk: 16 }, { minSdk: 24 }]);
  if (!old) return;
  const f = findingsOf(old, check.id);
  assert.equal(f.length, 1);
  assert.equal(f[0].messageId, 'belowNougat');
  assert.equal(f[0].severity, 'low');
  const ev = f[0].evidence[0];
  assert.ok(
    ev.kind === 'manifest' &&
      ev.element === 'manifest/uses-sdk[1]' &&
      ev.attribute === 'android:minSdkVersion' &&
      ev.value === '21' &&
      (ev.byteOffset ?? 0) > 0,
  );
  const g = findingsOf(older, check.id);
  assert.equal(g.length, 1);
  assert.equal(g[0].messageId, 'belowLollipop');
  assert.equal(g[0].severity, 'medium');
  assert.match(g[0].message, /Android 4\.1/);
  assert.equal(findingsOf(ok, check.id).length, 0);
});
