import assert from 'node:assert/strict';
import { test } from 'node:test';
import { auditFixtures, findingsOf } from '../../testing/check-harness.js';
import check from './install-location.js';

test('AND-MANIFEST-014 install-location', async (t) => {
  const [ext, auto, internal, absent] = await auditFixtures(t, check, [
    { manifestAttrs: 'android:installLocation="preferExternal"' },
    { manifestAttrs: 'android:installLocation="auto"' },
    { manifestAttrs: 'android:installLocation="internalOnly"' },
    {},
  ]);
  if (!ext) return;
  const f = findingsOf(ext, check.id);
  assert.equal(f.length, 1);
  assert.equal(f[0].messageId, 'external');
  assert.equal(f[0].severity, 'low');
  const ev = f[0].evidence[0];
  assert.ok(
    ev.kind === 'manifest' &&
      ev.element === 'manifest' &&
      ev.attribute === 'android:installLocation' &&
      ev.value === 'preferExternal' &&
      (ev.byteOffset ?? 0) > 0,
  );
  const a = findingsOf(auto, check.id);
  assert.equal(a.length, 1);
  assert.equal(a[0].severity, 'low');
  assert.equal(findingsOf(internal, check.id).length, 0);
  assert.equal(findingsOf(absent, check.id).length, 0);
});
