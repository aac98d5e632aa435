import assert from 'node:assert/strict';
import { test } from 'node:test';
import { auditFixtures, findingsOf } from '../../testing/check-harness.js';
import check from './profileable.js';

test('AND-MANIFEST-018 profileable-shell', async (t) => {
  const [pos, neg] = await auditFixtures(t, check, [
    { app: '<profileable android:shell="true"/>' },
    { app: '<profileable android:shell="false"/>' },
  ]);
  if (!pos) return;
  const f = findingsOf(pos, check.id);
  assert.equal(f.length, 1);
  assert.equal(f[0].messageId, 'shell');
  const ev = f[0].evidence[0];
  assert.ok(
    ev.kind === 'manifest' &&
      ev.element === 'manifest/application[1]/profileable[1]' &&
      ev.attribute === 'android:shell' &&
      (ev.byteOffset ?? 0) > 0,
  );
  assert.equal(findingsOf(neg, check.id).length, 0);
});
