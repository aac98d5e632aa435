import assert from 'node:assert/strict';
import { test } from 'node:test';
import { auditPackagingCases, rezip } from '../../../../test/packaging-checks-helpers.js';
import { auditBytes, findingsOf } from '../../testing/check-harness.js';
import check from './zip-structure.js';

test('AND-PKG-005 hand-crafted zip structure: overlapping entries', async (t) => {
  const { base } = await auditPackagingCases(t, check);
  if (!base) return;
  assert.equal(findingsOf(base, check.id).length, 0);
  // A second central record pointing at the local header (and data) of the first entry.
  const overlap = rezip(base.ctx.apk.bytes, (es) => [
    ...es,
    { name: 'shadow.bin', data: es[0].data, method: es[0].method, localOffsetOf: 0 },
  ]);
  const f = findingsOf(await auditBytes(overlap, [check]), check.id);
  assert.equal(f.length, 1);
  assert.equal(f[0].messageId, 'overlap');
  assert.match(f[0].message, /"shadow\.bin"|"AndroidManifest\.xml"/);
  const ev = f[0].evidence[0];
  assert.ok(ev.kind === 'file' && ev.file === '<apk>' && ev.byteOffset === 0, JSON.stringify(ev));
});
