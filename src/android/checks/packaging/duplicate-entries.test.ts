import assert from 'node:assert/strict';
import { test } from 'node:test';
import { auditPackagingCases, rezip } from '../../../../test/packaging-checks-helpers.js';
import { auditBytes, findingsOf } from '../../testing/check-harness.js';
import check from './duplicate-entries.js';

test('AND-PKG-001 duplicate zip entries', async (t) => {
  const { base } = await auditPackagingCases(t, check);
  if (!base) return;
  assert.equal(findingsOf(base, check.id).length, 0);
  const bytes = base.ctx.apk.bytes;
  // A second classes.dex after the first (the "Master Key" shape).
  const dup = rezip(bytes, (es) => [
    ...es,
    { ...es.find((e) => e.name === 'classes.dex')!, data: new Uint8Array([1, 2, 3]) },
  ]);
  const r = await auditBytes(dup, [check]);
  const f = findingsOf(r, check.id);
  assert.equal(f.length, 1);
  assert.equal(f[0].messageId, 'duplicate');
  assert.match(f[0].message, /"classes\.dex" 2 times/);
  const [first, second] = f[0].evidence;
  const entries = r.ctx.apk.zip.entries.filter((e) => e.name === 'classes.dex');
  assert.ok(first.kind === 'file' && first.file === '<apk>' && first.byteOffset === entries[0].centralOffset);
  assert.ok(second.kind === 'file' && second.byteOffset === entries[1].centralOffset);
});
