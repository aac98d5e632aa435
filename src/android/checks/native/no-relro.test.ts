import assert from 'node:assert/strict';
import { test } from 'node:test';
import { auditNativeCases } from '../../../../test/packaging-checks-helpers.js';
import { findingsOf } from '../../testing/check-harness.js';
import check from './no-relro.js';

test('AND-NATIVE-003 no RELRO', async (t) => {
  const { weak, hardened } = await auditNativeCases(t, check);
  if (!weak || !hardened) return;
  const names = findingsOf(weak, check.id)
    .map((f) => f.message.split(' ')[0])
    .sort();
  // libweak.so (-z norelro) and libwx.so (-N); libexec.so is static (no dynamic section); libtextrel.so has partial RELRO.
  assert.deepEqual(names, ['libweak.so', 'libwx.so']);
  // libtiny.so has only partial RELRO (lazy binding): not reported, bionic binds immediately.
  assert.equal(findingsOf(hardened, check.id).length, 0);
});
