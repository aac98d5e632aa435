import assert from 'node:assert/strict';
import { test } from 'node:test';
import { auditNativeCases } from '../../../../test/packaging-checks-helpers.js';
import { findingsOf } from '../../testing/check-harness.js';
import check from './text-relocations.js';

test('AND-NATIVE-004 text relocations', async (t) => {
  const { weak, hardened } = await auditNativeCases(t, check);
  if (!weak || !hardened) return;
  const f = findingsOf(weak, check.id);
  assert.equal(f.length, 1);
  assert.equal(f[0].messageId, 'textrel');
  assert.deepEqual(
    f[0].evidence.map((e) => (e.kind === 'file' ? e.file : '')),
    ['lib/x86_64/libtextrel.so'],
  );
  assert.equal(findingsOf(hardened, check.id).length, 0);
});
