import assert from 'node:assert/strict';
import { test } from 'node:test';
import { auditFixtures, findingsOf } from '../../testing/check-harness.js';
import check from './test-only.js';

test('AND-MANIFEST-002 test-only', async (t) => {
  const [pos, neg, absent] = await auditFixtures(t, check, [
    { appAttrs: 'android:testOnly="true"' },
    { appAttrs: 'android:testOnly="false"' },
    {},
  ]);
  if (!pos) return;
  const f = findingsOf(pos, check.id);
  assert.equal(f.length, 1);
  assert.equal(f[0].messageId, 'explicit');
  const ev = f[0].evidence[0];
  assert.equal(ev.kind, 'manifest');
  if (ev.kind === 'manifest') {
    assert.equal(ev.element, 'manifest/application[1]');
    assert.equal(ev.attribute, 'android:testOnly');
    assert.equal(ev.value, 'true');
    assert.ok(typeof ev.byteOffset === 'number' && ev.byteOffset > 0);
  }
  assert.equal(findingsOf(neg, check.id).length, 0);
  assert.equal(findingsOf(absent, check.id).length, 0);
});
