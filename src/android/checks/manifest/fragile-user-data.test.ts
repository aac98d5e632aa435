import assert from 'node:assert/strict';
import { test } from 'node:test';
import { auditFixtures, findingsOf } from '../../testing/check-harness.js';
import check from './fragile-user-data.js';

test('AND-MANIFEST-017 fragile-user-data', async (t) => {
  const [pos, neg] = await auditFixtures(t, check, [
    { appAttrs: 'android:hasFragileUserData="true"' },
    { appAttrs: 'android:hasFragileUserData="false"' },
  ]);
  if (!pos) return;
  const f = findingsOf(pos, check.id);
  assert.equal(f.length, 1);
  assert.equal(f[0].messageId, 'keep');
  const ev = f[0].evidence[0];
  assert.ok(
    ev.kind === 'manifest' &&
      ev.element === 'manifest/application[1]' &&
      ev.attribute === 'android:hasFragileUserData' &&
      ev.value === 'true' &&
      (ev.byteOffset ?? 0) > 0,
  );
  assert.equal(findingsOf(neg, check.id).length, 0);
});
