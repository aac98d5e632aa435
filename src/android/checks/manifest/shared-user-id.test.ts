import assert from 'node:assert/strict';
import { test } from 'node:test';
import { auditFixtures, findingsOf } from '../../testing/check-harness.js';
import check from './shared-user-id.js';

test('AND-MANIFEST-015 shared-user-id', async (t) => {
  const [pos, neg] = await auditFixtures(t, check, [
    { manifestAttrs: 'android:sharedUserId="org.dfslab.shared"' },
    {},
  ]);
  if (!pos) return;
  const f = findingsOf(pos, check.id);
  assert.equal(f.length, 1);
  assert.equal(f[0].messageId, 'shared');
  assert.match(f[0].message, /org\.dfslab\.shared/);
  const ev = f[0].evidence[0];
  assert.ok(
    ev.kind === 'manifest' &&
      ev.element === 'manifest' &&
      ev.attribute === 'android:sharedUserId' &&
      (ev.byteOffset ?? 0) > 0,
  );
  assert.equal(findingsOf(neg, check.id).length, 0);
});
