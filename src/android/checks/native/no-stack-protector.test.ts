import assert from 'node:assert/strict';
import { test } from 'node:test';
import { auditNativeCases } from '../../../../test/packaging-checks-helpers.js';
import { findingsOf } from '../../testing/check-harness.js';
import check from './no-stack-protector.js';

test('AND-NATIVE-001 native library without stack protector', async (t) => {
  const { weak, hardened } = await auditNativeCases(t, check);
  if (!weak || !hardened) return;
  const f = findingsOf(weak, check.id);
  // libweak.so (two ABI copies, one finding); libtextrel/libwx/libexec call no buffer-writing function.
  assert.equal(f.length, 1);
  assert.equal(f[0].messageId, 'missing');
  assert.match(f[0].message, /^libweak\.so \(x86_64, arm64-v8a\) .* calls strcpy/);
  assert.deepEqual(
    f[0].evidence.map((e) => (e.kind === 'file' ? e.file : '')),
    ['lib/x86_64/libweak.so', 'lib/arm64-v8a/libweak.so'],
  );
  // libgood.so has __stack_chk_fail; libtiny.so has no protector but nothing to protect.
  assert.equal(findingsOf(hardened, check.id).length, 0);
});
